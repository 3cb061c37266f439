import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { findPeriod, parseCvDate } from '../../src/domain/cv/cv-dates.ts';
import { sectionOf } from '../../src/domain/cv/cv-headings.ts';
import { cvLines } from '../../src/domain/cv/cv-lines.ts';
import { parseSkills, skillVocabulary } from '../../src/domain/cv/cv-skills.ts';
import { extractCvText } from '../../src/domain/cv/extract-text.ts';
import { parseCv } from '../../src/domain/cv/parse-cv.ts';

const fixtures = new URL('../fixtures/cv/', import.meta.url);
const vocabulary = skillVocabulary(['postgresql', 'kubernetes', 'typescript', 'go', 'amazon web services', 'ci/cd']);

describe('periods as CVs write them', () => {
  it('reads months in English, German, French and Spanish, slashes, dots and ISO months', () => {
    expect(['Jan 2020', 'January 2020', '01/2020', '01.2020', '2020-01', 'janvier 2020', 'Januar 2020', 'enero 2020'].map(parseCvDate)).toEqual(Array(8).fill('2020-01'));
    expect(parseCvDate('2020')).toBe('2020');
    expect(parseCvDate('13/2020')).toBeNull();
    expect(parseCvDate('Someday 2020')).toBeNull();
  });

  it('finds the period in a line and what the line says around it', () => {
    expect(findPeriod('Senior Engineer — Acme   Jan 2020 – Present')).toMatchObject({ start: '2020-01', end: null, isCurrent: true, rest: 'Senior Engineer — Acme' });
    expect(findPeriod('Engineer at Acme (March 2019 to Current)')).toMatchObject({ start: '2019-03', isCurrent: true, rest: 'Engineer at Acme' });
    expect(findPeriod('2016 - 2019   Account Executive, Nimbus')).toMatchObject({ start: '2016', end: '2019', rest: 'Account Executive, Nimbus' });
    expect(findPeriod('Acme — mars 2019 – aujourd’hui')).toMatchObject({ start: '2019-03', isCurrent: true, rest: 'Acme' });
    expect(findPeriod('UX Designer 2020–2022')).toMatchObject({ start: '2020', end: '2022' });
    // One date is an end: a graduation.
    expect(findPeriod('BSc Nursing, McGill University, 2018')).toMatchObject({ start: null, end: '2018', rest: 'BSc Nursing, McGill University' });
    expect(findPeriod('Cut latency from 480 ms to 120 ms')).toBeNull();
  });
});

describe('section headings', () => {
  it('knows headings in several languages, with or without a colon', () => {
    expect(['EXPERIENCE', 'Work History', 'Berufserfahrung', 'Expérience professionnelle', 'Experiencia laboral', 'Experience:'].map(sectionOf)).toEqual(Array(6).fill('experience'));
    expect(['Education & Training', 'Ausbildung', 'Formation', 'Educación'].map(sectionOf)).toEqual(Array(4).fill('education'));
    expect(['Core Competencies', 'Kenntnisse', 'Compétences', 'Skills & Tools'].map(sectionOf)).toEqual(Array(4).fill('skills'));
  });

  it('reads a heading-like line by its keyword, never a sentence or a labelled field', () => {
    expect(sectionOf("Where I've Worked")).toBe('experience');
    expect(sectionOf('SKILLS SUMMARY')).toBe('skills');
    expect(sectionOf('Toolbox')).toBe('skills');
    expect(sectionOf('Degree: HND Computing')).toBeNull();
    expect(sectionOf('Led the work on payments')).toBeNull();
  });
});

describe('skills', () => {
  it('splits lists, drops category labels and levels, and maps each to the catalog tag when there is one', () => {
    const skills = parseSkills(cvLines('Languages: TypeScript, Golang\nTools: Postgres | K8s · AWS\nCI/CD (expert)\nStakeholder Management'), vocabulary);
    expect(skills).toEqual([
      { name: 'TypeScript', tag: 'typescript' },
      { name: 'Golang', tag: 'go' },
      { name: 'Postgres', tag: 'postgresql' },
      { name: 'K8s', tag: 'kubernetes' },
      { name: 'AWS', tag: 'amazon web services' },
      { name: 'CI/CD', tag: 'ci/cd' },
      { name: 'Stakeholder Management', tag: null },
    ]);
  });

  it('joins a comma list that wrapped onto the next line', () => {
    expect(parseSkills(cvLines('Figma, Sketch, Prototyping, Design Systems, Adobe XD, Usability\nTesting, HTML'), vocabulary).map((s) => s.name)).toEqual(['Figma', 'Sketch', 'Prototyping', 'Design Systems', 'Adobe XD', 'Usability Testing', 'HTML']);
  });
});

describe('whole CVs', () => {
  it('reads a two-column PDF whose right-hand sidebar comes first in the file', async () => {
    const expected = JSON.parse(await readFile(new URL('cv-21.json', fixtures), 'utf8'));
    const text = await extractCvText(await readFile(new URL('cv-21.pdf', fixtures)), 'pdf');
    const cv = parseCv(text ?? '', vocabulary);
    expect(cv.contact).toMatchObject(expected.contact);
    expect(cv.summary).toBe(expected.summary);
    expect(cv.experience.map((job) => ({ title: job.title, company: job.company, start: job.start, end: job.isCurrent ? null : job.end }))).toEqual(expected.experience);
    expect(cv.education.map((school) => ({ institution: school.institution, degree: school.degree, year: school.end?.slice(0, 4) }))).toEqual(expected.education);
    expect(cv.skills.map((skill) => skill.name.toLowerCase())).toEqual(expected.skills);
  });

  it('reads a Word CV with a promotion under one company and the contact line at the end', async () => {
    const expected = JSON.parse(await readFile(new URL('cv-24.json', fixtures), 'utf8'));
    expect(expected.layout).toBe('narrative');
    const text = await extractCvText(await readFile(new URL('cv-24.docx', fixtures)), 'docx');
    const cv = parseCv(text ?? '', vocabulary);
    expect(cv.contact).toMatchObject(expected.contact);
    expect(cv.summary).toBe(expected.summary);
    expect(cv.experience.map((job) => `${job.title} @ ${job.company}`)).toEqual(expected.experience.map((job: { title: string; company: string }) => `${job.title} @ ${job.company}`));
    expect(cv.experience[0]?.bullets.length).toBeGreaterThan(0);
  });

  it('gives the same answer for the same text, and an empty answer for text that is no CV', () => {
    const text = 'Ada Lovelace\nada@example.com\nEXPERIENCE\nAnalyst — Engines Ltd   Jan 1840 – Dec 1843\n• Wrote the first program';
    expect(parseCv(text, vocabulary)).toEqual(parseCv(text, vocabulary));
    expect(parseCv(text, vocabulary).experience).toMatchObject([{ title: 'Analyst', company: 'Engines Ltd', start: '1840-01', end: '1843-12', bullets: ['Wrote the first program'] }]);
    expect(parseCv('hello', vocabulary)).toMatchObject({ contact: { name: null, email: null }, experience: [], education: [], skills: [] });
  });
});
