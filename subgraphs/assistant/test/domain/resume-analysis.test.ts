import { describe, expect, it } from 'vitest';
import { analyzeResume, atsCoverage } from '../../src/domain/resumes/resume-analysis.ts';
import { checkResumeSections } from '../../src/domain/resumes/resume-sections.ts';

const sections = {
  summary: 'Engineer.',
  skills: ['TypeScript', 'Postgres'],
  experience: [{ company: 'Acme', role: 'Engineer', bullets: ['Built a queue on Kafka serving 2 million users', 'helped the team'] }],
};

describe('ATS keyword coverage', () => {
  it('counts the listing’s keywords named anywhere, by any alias, and lists the missing ones', () => {
    expect(atsCoverage(sections, ['typescript', 'postgresql', 'kafka', 'kubernetes', 'go'])).toEqual({ score: 60, covered: ['typescript', 'postgresql', 'kafka'], missing: ['kubernetes', 'go'] });
    expect(atsCoverage(sections, [])).toEqual({ score: null, covered: [], missing: [] });
    // "go" is a keyword, not every word containing it.
    expect(atsCoverage({ summary: 'Good at Google things' }, ['go']).score).toBe(0);
  });
});

describe('resume analysis', () => {
  it('scores shape deterministically and says what to improve', () => {
    const analysis = analyzeResume(sections);
    expect(analysis).toEqual(analyzeResume(sections));
    expect(Object.fromEntries(analysis.subScores.map((s) => [s.kind, s.score]))).toEqual({ completeness: 75, achievements: 50, action_verbs: 50, skills: 25, length: 100 });
    expect(analysis.overall).toBe(60);
    expect(analysis.suggestions).toEqual(['Add your education, even briefly.', 'List at least 8 skills, spelled the way job listings spell them.']);
  });
});

describe('the sections schema', () => {
  it('accepts seed 003 §5.1 sections and refuses unknown keys, bad months and missing roles with their paths', () => {
    expect(checkResumeSections({ ...sections, education: [{ school: 'MIT', degree: null, year: '2010' }], certifications: ['PMP'] }).ok).toBe(true);
    const refused = checkResumeSections({ experience: [{ company: 'Acme', start: '2020-13' }], ats_score: 90 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.map((e) => e.field.join('.')).sort()).toEqual(['input.sections.ats_score', 'input.sections.experience.0.role', 'input.sections.experience.0.start']);
  });
});
