import { skillKey } from '../fit/skill-key.ts';
import { skillVocabulary } from '../cv/cv-skills.ts';
import { extractSkills } from '../job-descriptions/jd-extract.ts';
import type { ResumeSections } from './resume-sections.ts';

/** How well a resume covers a listing's keywords (AS-09): the share of them it names. */
export interface AtsCoverage {
  /** 0-100: ⌊100 × covered ÷ keywords + ½⌋; null when the listing names no keywords. */
  readonly score: number | null;
  readonly covered: readonly string[];
  readonly missing: readonly string[];
}

/** Every word of a resume, for keyword search. */
export function resumeText(sections: ResumeSections): string {
  return [
    sections.summary ?? '',
    ...(sections.skills ?? []),
    ...(sections.experience ?? []).flatMap((job) => [job.role, ...(job.bullets ?? [])]),
    ...(sections.certifications ?? []),
  ].join('\n');
}

/** The listing's keywords (its tags) the resume names anywhere, by any alias, and those it does not. */
export function atsCoverage(sections: ResumeSections, keywords: readonly string[]): AtsCoverage {
  const wanted = [...new Set(keywords.map((k) => k.trim()).filter((k) => k !== ''))];
  if (wanted.length === 0) return { score: null, covered: [], missing: [] };
  const named = new Set([...extractSkills(resumeText(sections), skillVocabulary(wanted)), ...(sections.skills ?? []).map(skillKey)].map(skillKey));
  const covered = wanted.filter((keyword) => named.has(skillKey(keyword)));
  const missing = wanted.filter((keyword) => !named.has(skillKey(keyword)));
  return { score: Math.floor((200 * covered.length + wanted.length) / (2 * wanted.length)), covered, missing };
}

export interface ResumeAnalysis {
  /** The mean of the sub-scores, rounded. */
  readonly overall: number;
  readonly subScores: readonly { readonly kind: 'completeness' | 'achievements' | 'action_verbs' | 'skills' | 'length'; readonly score: number; readonly explanation: string }[];
  readonly suggestions: readonly string[];
}

const actionVerbs = new Set(
  'achieved built cut created delivered designed drove grew improved increased introduced launched led managed mentored migrated opened owned ran raised reduced rebuilt shipped trained wrote automated closed coordinated developed established exceeded implemented negotiated optimized partnered presented redesigned saved scaled set streamlined'.split(' '),
);
const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.floor((200 * part + whole) / (2 * whole)));

/**
 * Deterministic sub-scores (AS-10) with what to do about each: sections present, bullets
 * with a number, bullets opening with an action verb, enough skills, bullets per job.
 * No model: the same sections, the same scores and suggestions.
 */
export function analyzeResume(sections: ResumeSections): ResumeAnalysis {
  const jobs = sections.experience ?? [];
  const bullets = jobs.flatMap((job) => job.bullets ?? []);
  const present = [sections.summary, (sections.skills ?? []).length > 0, jobs.length > 0, (sections.education ?? []).length > 0].filter(Boolean).length;
  const withNumbers = bullets.filter((b) => /\d/.test(b)).length;
  const withVerbs = bullets.filter((b) => actionVerbs.has((b.trim().split(/\s+/)[0] ?? '').toLowerCase())).length;
  const skillCount = (sections.skills ?? []).length;
  const perJob = jobs.length === 0 ? 0 : bullets.length / jobs.length;
  const subScores: ResumeAnalysis['subScores'] = [
    { kind: 'completeness', score: pct(present, 4), explanation: `${present} of 4 sections (summary, skills, experience, education) filled.` },
    { kind: 'achievements', score: pct(withNumbers, bullets.length), explanation: `${withNumbers} of ${bullets.length} bullets give a number.` },
    { kind: 'action_verbs', score: pct(withVerbs, bullets.length), explanation: `${withVerbs} of ${bullets.length} bullets open with an action verb.` },
    { kind: 'skills', score: Math.min(100, pct(skillCount, 8)), explanation: `${skillCount} skills listed; 8 or more reads as complete.` },
    { kind: 'length', score: jobs.length === 0 ? 0 : perJob >= 2 && perJob <= 6 ? 100 : perJob < 2 ? pct(perJob * 10, 20) : 60, explanation: `${perJob.toFixed(1)} bullets per job; 2 to 6 reads best.` },
  ];
  const suggestions: string[] = [];
  if (!sections.summary) suggestions.push('Add a two- or three-line summary of what you do and for whom.');
  if ((sections.education ?? []).length === 0) suggestions.push('Add your education, even briefly.');
  if (bullets.length > 0 && withNumbers < bullets.length / 2) suggestions.push('Quantify more achievements: add numbers (%, €, users, time saved) to your bullets.');
  if (bullets.length > 0 && withVerbs < bullets.length / 2) suggestions.push('Open bullets with an action verb (built, led, reduced, shipped…).');
  if (skillCount < 8) suggestions.push('List at least 8 skills, spelled the way job listings spell them.');
  if (jobs.some((job) => (job.bullets ?? []).length === 0)) suggestions.push('Give every job at least two bullets on what you achieved.');
  const overall = Math.floor((subScores.reduce((sum, s) => sum + s.score, 0) * 2 + subScores.length) / (2 * subScores.length));
  return { overall, subScores, suggestions };
}
