import { describe, expect, it } from 'vitest';
import type { ParsedCv } from '../../src/domain/cv/parse-cv.ts';
import { cvDateToCalendar, cvToProfile, educationLevelOf, type ProfileNow } from '../../src/domain/cv/cv-to-profile.ts';

const cv: ParsedCv = {
  contact: { name: 'Ada Lovelace', email: 'ada@example.com', phone: null, location: null, links: [] },
  headline: 'Analyst',
  summary: 'x'.repeat(2500),
  experience: [
    { title: 'Lead Analyst', company: 'Engines Ltd', location: null, start: '2021-03', end: null, isCurrent: true, bullets: ['Wrote programs'] },
    { title: 'Analyst', company: 'Engines Ltd', location: null, start: '2019', end: '2021', isCurrent: false, bullets: [] },
    { title: 'Volunteer', company: null, location: null, start: null, end: null, isCurrent: false, bullets: [] },
  ],
  education: [
    { institution: 'University of London', degree: 'MSc Mathematics', fieldOfStudy: 'Mathematics', start: '2015', end: '2017', isCurrent: false },
    { institution: null, degree: 'BSc Physics', fieldOfStudy: 'Physics', start: null, end: '2014', isCurrent: false },
  ],
  skills: [{ name: 'Postgres', tag: 'postgresql' }, { name: 'Excel', tag: 'excel' }],
  languages: ['English', 'French'],
  certifications: [],
};
const empty: ProfileNow = { skills: [], languages: [], educationLevel: null, education: [], work: [] };

describe('filling a profile from a parsed CV', () => {
  it('copies only the chosen sections, cut to the profile’s limits', () => {
    const plan = cvToProfile(cv, new Set(['summary']), empty);
    expect(plan.patch).toEqual({ summary: 'x'.repeat(2000) });
    expect(plan.work).toEqual([]);
  });

  it('adds jobs with calendar dates, leaves out what the profile cannot hold, and sets the current title and company', () => {
    const plan = cvToProfile(cv, new Set(['experience']), empty);
    expect(plan.work.map((job) => [job.role, job.company, job.startDate, job.endDate, job.isCurrent])).toEqual([
      ['Lead Analyst', 'Engines Ltd', '2021-03-01', null, true],
      ['Analyst', 'Engines Ltd', '2019-01-01', '2021-01-01', false],
    ]);
    expect(plan.patch).toEqual({ currentTitle: 'Lead Analyst', currentCompany: 'Engines Ltd' });
  });

  it('skips what the profile already has and merges skills by their key, keeping the user’s spelling first', () => {
    const now: ProfileNow = { ...empty, skills: ['PostgreSQL'], work: [{ company: 'engines ltd', role: 'analyst' }], education: [{ institution: 'University of London', degree: 'MSc Mathematics' }], educationLevel: 'bachelor' };
    const plan = cvToProfile(cv, new Set(['experience', 'education', 'skills']), now);
    expect(plan.work.map((job) => job.role)).toEqual(['Lead Analyst']);
    expect(plan.education).toEqual([]);
    expect(plan.patch.skills).toEqual(['PostgreSQL', 'Excel']);
    expect(plan.patch.educationLevel).toBeUndefined();
  });

  it('takes the highest degree as the education level when none is set', () => {
    expect(cvToProfile(cv, new Set(['education']), empty).patch.educationLevel).toBe('master');
    expect(['PhD Physics', 'MBA', 'BA History', 'HND Computing', 'Abitur', 'Certificate in Baking'].map(educationLevelOf)).toEqual(['doctorate', 'master', 'bachelor', 'associate', 'high_school', null]);
    expect([cvDateToCalendar('2019-03'), cvDateToCalendar('2019'), cvDateToCalendar(null)]).toEqual(['2019-03-01', '2019-01-01', null]);
  });
});
