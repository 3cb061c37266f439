import { findEmail, findLinks, findLocation, findNameLine, findPhone, contactSegments, nameCase, type CvContact } from './cv-contact.ts';
import { sectionOf, type CvSectionKind } from './cv-headings.ts';
import { parseEducation, parseExperience, type CvEducation, type CvExperience } from './cv-history.ts';
import { cvLines, looksLikeLabel, wordsOf, type CvLine } from './cv-lines.ts';
import { parseSkills, type CvSkill, type SkillVocabulary } from './cv-skills.ts';

/** What a CV says, section by section: the parser's whole answer, stored with the document. */
export interface ParsedCv {
  readonly contact: CvContact;
  /** The line under the name, e.g. "Senior Backend Engineer". */
  readonly headline: string | null;
  readonly summary: string | null;
  /** In the CV's order (usually newest first). */
  readonly experience: readonly CvExperience[];
  readonly education: readonly CvEducation[];
  readonly skills: readonly CvSkill[];
  readonly languages: readonly string[];
  readonly certifications: readonly string[];
}

type Kind = CvSectionKind | 'header';

/** Each line with the section it belongs to; heading lines themselves are dropped. */
function sectioned(lines: readonly CvLine[]): { line: CvLine; kind: Kind; run: number }[] {
  const out: { line: CvLine; kind: Kind; run: number }[] = [];
  let kind: Kind = 'header';
  let run = 0;
  for (const line of lines) {
    const heading = line.bullet ? null : sectionOf(line.text);
    if (heading) {
      kind = heading;
      run++;
      continue;
    }
    out.push({ line, kind, run });
  }
  return out;
}

const hasContactData = (text: string) => /@|https?:|linkedin|github|\d{3}/iu.test(text);

/**
 * Reads a CV's text into contact, headline, summary, experience, education, skills,
 * languages and certifications, by rules only: known section headings (English, German,
 * French, Spanish, Dutch), periods in many formats, and label lines around them. The same
 * text and vocabulary always give the same answer.
 */
export function parseCv(text: string, vocabulary: SkillVocabulary): ParsedCv {
  const rows = sectioned(cvLines(text));
  const texts = rows.map((row) => row.line.text);
  const email = findEmail(texts);
  const headerEnd = rows.findIndex((row) => row.kind !== 'header');
  const nameAt = findNameLine(texts, email, headerEnd < 0 ? rows.length : headerEnd);
  // A two-column PDF may put the name after the sidebar: the name starts the header, whatever section it landed in.
  if (nameAt >= 0 && rows[nameAt]?.kind !== 'header') {
    const run = rows[nameAt]?.run;
    for (let i = nameAt; i < rows.length && rows[i]?.run === run; i++) (rows[i] as { kind: Kind }).kind = 'header';
  }
  const linesOf = (kind: Kind) => rows.filter((row) => row.kind === kind).map((row) => row.line);
  const header = linesOf('header').map((line) => line.text);
  // Contact data may also stand in a footer line, wherever it landed.
  const contactLines = [...header, ...linesOf('contact').map((line) => line.text), ...texts.filter((text) => /@/u.test(text))];
  const name = nameAt >= 0 ? nameCase(texts[nameAt] ?? '') : null;
  const location = findLocation(contactLines);
  const contact: CvContact = { name, email, phone: findPhone(contactLines), location, links: findLinks(texts) };
  const summaryLines = linesOf('summary');
  return {
    contact,
    headline: headlineOf(header, texts[nameAt] ?? null, location),
    summary: summaryLines.length > 0 ? summaryLines.map((line) => line.text).join(' ').replace(/\s+/g, ' ') : headerSummary(header),
    experience: parseExperience(linesOf('experience')),
    education: parseEducation(linesOf('education')),
    skills: parseSkills(linesOf('skills'), vocabulary),
    languages: linesOf('languages').flatMap((line) => line.text.split(/\s*[,;·|]\s*/)).filter((item) => item !== ''),
    certifications: linesOf('certifications').map((line) => line.text),
  };
}

/** A summary written under the name without a heading: the header's first run of sentence lines. */
function headerSummary(header: readonly string[]): string | null {
  const start = header.findIndex((line) => !hasContactData(line) && !looksLikeLabel(line, 12) && wordsOf(line).length >= 8);
  if (start < 0) return null;
  const run: string[] = [];
  for (const line of header.slice(start)) {
    if (hasContactData(line) || (run.length > 0 && looksLikeLabel(line) && !/^[\p{Ll}]/u.test(line))) break;
    run.push(line);
  }
  return run.join(' ').replace(/\s+/g, ' ');
}

/** The first header line after the name that is not contact data, without a trailing location. */
function headlineOf(header: readonly string[], name: string | null, location: string | null): string | null {
  const from = name === null ? 0 : header.indexOf(name) + 1;
  for (const line of header.slice(from)) {
    if (hasContactData(line)) continue;
    const pieces = contactSegments(line).filter((piece) => piece !== location);
    if (pieces.length > 0 && pieces[0] !== undefined && pieces[0].length <= 120) return pieces[0];
  }
  return null;
}
