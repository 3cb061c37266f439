import type { DbEducationLevel } from '../../db/types.ts';
import { careerProfileLimits, type CareerProfilePatch } from '../career-profile-patch.ts';
import { skillKey } from '../fit/skill-key.ts';
import type { EducationInput, WorkExperienceInput } from '../history-entries.ts';
import { maxHistoryEntries } from '../history-entry-rules.ts';
import type { ParsedCv } from './parse-cv.ts';

export type CvSection = 'headline' | 'summary' | 'experience' | 'education' | 'skills' | 'languages';

/** What the profile holds now, as far as filling it from a CV needs. */
export interface ProfileNow {
  readonly skills: readonly string[];
  readonly languages: readonly string[];
  readonly educationLevel: DbEducationLevel | null;
  readonly education: readonly { readonly institution: string; readonly degree: string | null }[];
  readonly work: readonly { readonly company: string; readonly role: string }[];
}

/** The change filling the profile makes: a patch of its fields, and entries added after the existing ones. */
export interface CvApplication {
  readonly patch: CareerProfilePatch;
  readonly education: readonly EducationInput[];
  readonly work: readonly WorkExperienceInput[];
}

const cut = (text: string | null | undefined, max: number): string | null => {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? null : [...trimmed].slice(0, max).join('').trim();
};
const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

/** A CV's `YYYY-MM` or `YYYY` as a calendar date: the first day of that month (or year). */
export function cvDateToCalendar(value: string | null): string | null {
  if (value === null) return null;
  if (/^\d{4}-\d{2}$/.test(value)) return `${value}-01`;
  if (/^\d{4}$/.test(value)) return `${value}-01-01`;
  return null;
}

const levelOrder: readonly DbEducationLevel[] = ['none', 'high_school', 'associate', 'bachelor', 'master', 'doctorate'];

/** The education level a degree's name says, when it says one. */
export function educationLevelOf(degree: string | null): DbEducationLevel | null {
  const text = (degree ?? '').trim().toLowerCase();
  if (/^(?:ph\.?\s?d|d\.?\s?phil|doctor|dr\.|doktor|doctorat|doctorado)/u.test(text)) return 'doctorate';
  if (/^(?:m\.?\s?sc|m\.?\s?a\b|mba|m\.?\s?eng|m\.?\s?des|m\.?\s?phil|llm|master|máster|msc|m\.?\s?s\b)/u.test(text)) return 'master';
  if (/^(?:b\.?\s?sc|b\.?\s?a\b|b\.?\s?eng|b\.?\s?des|b\.?\s?com|b\.?\s?s\b|llb|bachelor|licence|licenciatura|grado|bsc)/u.test(text)) return 'bachelor';
  if (/^(?:associate|hnd|hnc|a\.?\s?a\b|a\.?\s?s\b|dut|bts)/u.test(text)) return 'associate';
  if (/^(?:a-levels?|abitur|high school|baccalauréat|bac\b|bachillerato)/u.test(text)) return 'high_school';
  return null;
}

/**
 * What filling the profile from a parsed CV changes, for the sections the user chose:
 * text cut to the profile's limits, entries the profile already has (same role and
 * company, same institution and degree) or cannot hold (no company, no school) left
 * out, lists merged without duplicates. Pure: the same CV and profile, the same change.
 */
export function cvToProfile(cv: ParsedCv, sections: ReadonlySet<CvSection>, now: ProfileNow): CvApplication {
  const patch: { -readonly [K in keyof CareerProfilePatch]: CareerProfilePatch[K] } = {};
  if (sections.has('headline') && cv.headline) patch.headline = cut(cv.headline, careerProfileLimits.headline);
  if (sections.has('summary') && cv.summary) patch.summary = cut(cv.summary, careerProfileLimits.summary);
  if (sections.has('skills')) {
    const keys = new Set(now.skills.map(skillKey));
    const added = cv.skills.map((skill) => cut(skill.name, careerProfileLimits.skills.maxLength) ?? '').filter((name) => {
      const key = skillKey(name);
      if (name === '' || keys.has(key)) return false;
      keys.add(key);
      return true;
    });
    patch.skills = [...now.skills, ...added].slice(0, careerProfileLimits.skills.maxItems);
  }
  if (sections.has('languages')) {
    const known = new Set(now.languages.map((l) => l.toLowerCase()));
    const added = cv.languages.map((l) => cut(l, careerProfileLimits.languages.maxLength) ?? '').filter((l) => l !== '' && !known.has(l.toLowerCase()) && known.add(l.toLowerCase()));
    patch.languages = [...now.languages, ...added].slice(0, careerProfileLimits.languages.maxItems);
  }
  let work: WorkExperienceInput[] = [];
  if (sections.has('experience')) {
    const room = maxHistoryEntries - now.work.length;
    work = cv.experience
      .filter((job) => job.company !== null && !now.work.some((w) => same(w.company, job.company) && same(w.role, job.title)))
      .slice(0, Math.max(0, room))
      .map((job) => {
        const startDate = cvDateToCalendar(job.start);
        const end = job.isCurrent ? null : cvDateToCalendar(job.end);
        return {
          company: cut(job.company, 200) ?? '',
          role: cut(job.title, 200) ?? '',
          location: cut(job.location, 200),
          startDate,
          endDate: startDate !== null && end !== null && end < startDate ? null : end,
          isCurrent: job.isCurrent,
          achievements: job.bullets.slice(0, 20).map((bullet) => cut(bullet, 500) ?? '').filter((b) => b !== ''),
          skillsUsed: [],
        };
      });
    const current = cv.experience.find((job) => job.isCurrent && job.company !== null);
    if (current) {
      patch.currentTitle = cut(current.title, careerProfileLimits.currentTitle);
      patch.currentCompany = cut(current.company, careerProfileLimits.currentCompany);
    }
  }
  let education: EducationInput[] = [];
  if (sections.has('education')) {
    const room = maxHistoryEntries - now.education.length;
    education = cv.education
      .filter((school) => school.institution !== null && !now.education.some((e) => same(e.institution, school.institution) && same(e.degree, school.degree)))
      .slice(0, Math.max(0, room))
      .map((school) => {
        const startDate = cvDateToCalendar(school.start);
        const end = school.isCurrent ? null : cvDateToCalendar(school.end);
        return {
          institution: cut(school.institution, 200) ?? '',
          degree: cut(school.degree, 200),
          fieldOfStudy: cut(school.fieldOfStudy, 200),
          startDate,
          endDate: startDate !== null && end !== null && end < startDate ? null : end,
          isCurrent: school.isCurrent,
        };
      });
    if (now.educationLevel === null) {
      const levels = cv.education.map((school) => educationLevelOf(school.degree)).filter((level): level is DbEducationLevel => level !== null);
      const highest = levels.sort((a, b) => levelOrder.indexOf(b) - levelOrder.indexOf(a))[0];
      if (highest) patch.educationLevel = highest;
    }
  }
  return { patch, education, work };
}
