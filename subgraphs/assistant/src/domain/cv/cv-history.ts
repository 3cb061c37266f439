import type { CvPeriod } from './cv-dates.ts';
import { groupEntries, type RawEntry } from './cv-entries.ts';
import { nameCase } from './cv-contact.ts';
import type { CvLine } from './cv-lines.ts';

export interface CvExperience extends CvPeriod {
  readonly title: string;
  readonly company: string | null;
  readonly location: string | null;
  readonly bullets: readonly string[];
}

export interface CvEducation extends CvPeriod {
  readonly institution: string | null;
  /** As written, field included ("BSc Computer Science"). */
  readonly degree: string | null;
  /** The field, when the degree names one after "in" or its abbreviation ("Computer Science"). */
  readonly fieldOfStudy: string | null;
}

const titleWords = new Set(
  [
    'engineer', 'developer', 'manager', 'analyst', 'designer', 'scientist', 'nurse', 'accountant', 'executive', 'representative', 'lead', 'director', 'head', 'specialist',
    'coordinator', 'consultant', 'administrator', 'intern', 'officer', 'architect', 'associate', 'president', 'vp', 'cto', 'ceo', 'cfo', 'coo', 'founder', 'co-founder',
    'programmer', 'technician', 'assistant', 'advisor', 'principal', 'senior', 'junior', 'trainee', 'apprentice', 'teacher', 'researcher', 'editor', 'writer', 'recruiter',
    'controller', 'auditor', 'strategist', 'marketer', 'owner', 'partner', 'supervisor', 'agent', 'clerk', 'operator', 'therapist', 'physician', 'pharmacist', 'lecturer',
    'professor', 'sre', 'devops', 'ingenieur', 'entwickler', 'leiter', 'berater', 'referent', 'ingénieur', 'développeur', 'chef', 'responsable', 'directeur', 'chargé',
    'desarrollador', 'ingeniero', 'gerente', 'jefe', 'analista', 'consultor', 'enfermera', 'enfermero',
  ].map((w) => w.toLowerCase()),
);
const companyHint = /\b(inc|ltd|llc|gmbh|ag|plc|sa|sas|bv|corp|corporation|company|group|labs?|bank|systems|consulting|technologies|solutions|studios|partners|capital|insurance|health|pharma|logistics|media)\b\.?/iu;
const degreeStart = /^(?:b\.?\s?sc|m\.?\s?sc|b\.?\s?a\b|m\.?\s?a\b|mba|ph\.?\s?d|b\.?\s?eng|m\.?\s?eng|b\.?\s?des|m\.?\s?des|b\.?\s?com|llb|llm|hnd|bachelor|master|diplom|diploma|doctor|licence|licenciatura|grado|máster|abitur|associate|certificate|a-levels?|bac\b|dut|bts|msc|bsc)/iu;
const institutionHint = /universit|college|institut|school|academy|polytechn|hochschule|école|escuela|conservatoire|gymnasium|\bkth\b|\btu\b|\beth\b/iu;

const titleLabel = /^(?:position|title|job title|role|poste|puesto|stelle|funktion)\s*:\s*/iu;
const companyLabel = /^(?:employer|company|organi[sz]ation|firma|arbeitgeber|unternehmen|entreprise|empresa|client)\s*:\s*/iu;
const degreeLabel = /^(?:degree|qualification|diploma|abschluss|diplôme|título|titulo)\s*:\s*/iu;
const institutionLabel = /^(?:school|institution|university|college|hochschule|universität|école|université|universidad|centro)\s*:\s*/iu;
const anyLabel = /^[\p{L} ]{2,20}:\s+/u;

/** Pieces marked by a field label ("Employer: Acme") go where the label says; the label itself goes. */
function labelled(parts: readonly string[], labels: readonly RegExp[]): { marked: (string | null)[]; rest: string[] } {
  const marked: (string | null)[] = labels.map(() => null);
  const rest: string[] = [];
  for (const part of parts) {
    const at = labels.findIndex((label) => label.test(part));
    if (at >= 0 && marked[at] === null) marked[at] = part.replace(labels[at] as RegExp, '').trim();
    else rest.push(part.replace(anyLabel, '').trim());
  }
  return { marked, rest };
}

const titleScore = (part: string) => part.toLowerCase().split(/[\s/,-]+/).filter((w) => titleWords.has(w)).length;
const looksLikePlace = (part: string) => /^[\p{Lu}][\p{L}.'’ -]+$/u.test(part) && part.split(/\s+/).length <= 2 && !companyHint.test(part) && titleScore(part) === 0;

/** A job from an entry's pieces: the piece that reads most like a title, then the company, then a place. */
export function toExperience(entry: RawEntry): CvExperience | null {
  const { marked, rest: parts } = labelled(entry.parts, [titleLabel, companyLabel]);
  const [markedTitle, markedCompany] = marked;
  if (markedTitle) parts.unshift(markedTitle);
  if (markedCompany) parts.splice(markedTitle ? 1 : 0, 0, markedCompany);
  if (parts.length === 0) return null;
  let titleIndex = 0;
  let best = -1;
  parts.forEach((part, index) => {
    const score = titleScore(part);
    if (score > best) {
      best = score;
      titleIndex = index;
    }
  });
  if (markedTitle) titleIndex = 0;
  const title = parts.splice(titleIndex, 1)[0] as string;
  let companyIndex = markedCompany ? 0 : parts.findIndex((part) => companyHint.test(part));
  if (companyIndex < 0) companyIndex = parts.findIndex((part) => !looksLikePlace(part) || parts.length === 1);
  if (companyIndex < 0) companyIndex = 0;
  const company = parts.splice(companyIndex, 1)[0] ?? null;
  const location = parts.find(looksLikePlace) ?? null;
  return {
    title: nameCase(title),
    company: company === null ? null : nameCase(company),
    location,
    start: entry.period?.start ?? null,
    end: entry.period?.end ?? null,
    isCurrent: entry.period?.isCurrent ?? false,
    bullets: entry.details,
  };
}

/** A school entry: the piece that starts like a degree, and the one that names a school. */
export function toEducation(entry: RawEntry): CvEducation | null {
  const { marked, rest: parts } = labelled(entry.parts, [degreeLabel, institutionLabel]);
  const [markedDegree, markedInstitution] = marked;
  if (parts.length === 0 && !markedDegree && !markedInstitution) return null;
  let institution = markedInstitution ?? parts.find((part) => institutionHint.test(part)) ?? null;
  let degree = markedDegree ?? parts.find((part) => part !== institution && degreeStart.test(part)) ?? null;
  if (institution === null) institution = parts.find((part) => part !== degree) ?? null;
  if (degree === null) degree = parts.find((part) => part !== institution) ?? null;
  const field = degree ? (/^(?:[\p{L}.]+\s+)?(?:in|of)\s+(.+)$/iu.exec(degree)?.[1] ?? /^(?:b|m)\.?\s?(?:sc|a|eng|des|com)\.?\s+(.+)$/iu.exec(degree)?.[1] ?? null) : null;
  return {
    institution: institution === null ? null : nameCase(institution),
    degree,
    fieldOfStudy: field,
    start: entry.period?.start ?? null,
    end: entry.period?.end ?? null,
    isCurrent: entry.period?.isCurrent ?? false,
  };
}

/**
 * The jobs of an experience section, in order. A title listed under the job before it
 * without a company of its own (a promotion: the company once, then each title with its
 * dates) takes that job's company.
 */
export function parseExperience(lines: readonly CvLine[]): CvExperience[] {
  const jobs: CvExperience[] = [];
  for (const entry of groupEntries(lines, { splitAt: true })) {
    const job = toExperience(entry);
    if (!job) continue;
    const before = jobs.at(-1);
    jobs.push(job.company === null && before ? { ...job, company: before.company, location: job.location ?? before.location } : job);
  }
  return jobs;
}

export const parseEducation = (lines: readonly CvLine[]): CvEducation[] =>
  groupEntries(lines, { splitAt: false }).flatMap((entry) => toEducation(entry) ?? []);
