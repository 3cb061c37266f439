import { describe, expect, it } from 'vitest';
import type { FitListing, FitProfile } from '../../src/domain/fit/fit-inputs.ts';
import { computeFit } from '../../src/domain/fit/fit-score.ts';
import { skillKey } from '../../src/domain/fit/skill-key.ts';
import { titleSimilarity, titleTokens } from '../../src/domain/fit/title-tokens.ts';

const profile: FitProfile = {
  skills: ['typescript', 'postgresql', 'graphql', 'kubernetes'],
  titles: ['Backend Engineer'],
  yearsOfExperience: 6,
  levels: [],
  salaryMinCents: 12_000_000,
  salaryCurrency: 'USD',
  locations: ['Berlin'],
  remote: 'any',
  experience: [{ role: 'Senior Backend Developer', skills: ['typescript'], isCurrent: true, endDate: null }],
};

const listing: FitListing = {
  title: 'Senior Backend Engineer',
  skills: ['typescript', 'postgresql', 'kafka', 'graphql'],
  seniority: 'senior',
  salaryMinCents: 11_000_000,
  salaryMaxCents: 14_000_000,
  salaryCurrency: 'USD',
  location: null,
  remoteType: 'remote',
  date: '2026-11-01',
};

describe('computeFit', () => {
  it('adds up six weighted factors to an exact score, with explanations', () => {
    const fit = computeFit(profile, listing);
    expect(fit.factors.map((f) => [f.kind, f.weight, f.value])).toEqual([
      ['skills', 35, 750],
      ['title', 20, 1000],
      ['seniority', 15, 1000],
      ['salary', 10, 1000],
      ['location', 10, 1000],
      ['recency', 10, 1000],
    ]);
    // 35×0.75 + 65 = 91.25
    expect(fit.score).toBe(91);
    expect(fit.factors[0]?.explanation).toBe('3 of 4 skills match (typescript, postgresql, graphql); missing: kafka.');
    expect(fit.salaryEstimateCents).toBe(12_500_000);
    expect(fit.rationale).toBe('Fit 91/100. Strongest: skills — 3 of 4 skills match (typescript, postgresql, graphql); missing: kafka.');
  });

  it('gives the same score to the digit for the same inputs', () => {
    const scores = new Set(Array.from({ length: 50 }, () => JSON.stringify(computeFit(structuredClone(profile), structuredClone(listing)))));
    expect(scores.size).toBe(1);
  });

  it('counts a missing fact half and says so', () => {
    const fit = computeFit({ ...profile, salaryMinCents: null, salaryCurrency: null }, { ...listing, seniority: null });
    const unknown = fit.factors.filter((f) => !f.known).map((f) => [f.kind, f.value]);
    expect(unknown).toEqual([
      ['seniority', 500],
      ['salary', 500],
    ]);
    expect(fit.rationale).toContain('Counted half for lack of data: seniority, salary.');
  });

  it('lowers salary alignment by how far the pay falls short', () => {
    const short = computeFit(profile, { ...listing, salaryMinCents: 9_000_000, salaryMaxCents: 9_600_000 });
    // 20% short: 1000 − 2 × 200
    expect(short.factors.find((f) => f.kind === 'salary')).toMatchObject({ value: 600, explanation: 'The listing pays up to 20% less than the desired salary.' });
    const otherCurrency = computeFit(profile, { ...listing, salaryCurrency: 'EUR' });
    expect(otherCurrency.factors.find((f) => f.kind === 'salary')?.known).toBe(false);
  });

  it('weighs seniority by steps between levels, from wanted levels or years', () => {
    const seniority = (p: Partial<FitProfile>, level: string) => computeFit({ ...profile, ...p }, { ...listing, seniority: level }).factors.find((f) => f.kind === 'seniority')?.value;
    expect(seniority({ yearsOfExperience: 1 }, 'senior')).toBe(200);
    expect(seniority({ yearsOfExperience: 3 }, 'senior')).toBe(600);
    expect(seniority({ levels: ['lead'], yearsOfExperience: 1 }, 'lead')).toBe(1000);
    expect(seniority({ yearsOfExperience: 20 }, 'entry')).toBe(0);
  });

  it('matches remote and place against the preference', () => {
    const location = (p: Partial<FitProfile>, l: Partial<FitListing>) => computeFit({ ...profile, ...p }, { ...listing, ...l }).factors.find((f) => f.kind === 'location')?.value;
    expect(location({ remote: 'remote' }, { remoteType: 'onsite', location: 'Berlin, Germany' })).toBe(200);
    expect(location({ remote: 'remote' }, { remoteType: 'onsite', location: 'Paris' })).toBe(0);
    expect(location({ remote: 'onsite' }, { remoteType: 'hybrid', location: 'Berlin, Germany' })).toBe(1000);
    expect(location({ remote: 'onsite' }, { remoteType: 'hybrid', location: 'Paris' })).toBe(200);
    expect(location({ remote: 'onsite' }, { remoteType: 'remote' })).toBe(700);
  });

  it('counts recency back from the listing date to the latest relevant role', () => {
    const recency = (endDate: string) =>
      computeFit({ ...profile, experience: [{ role: 'Backend Developer', skills: [], isCurrent: false, endDate }] }, listing).factors.find((f) => f.kind === 'recency');
    expect(recency('2026-06-30')).toMatchObject({ value: 900, explanation: 'Last did this kind of work 5 months before the listing (Backend Developer).' });
    expect(recency('2025-06-30')).toMatchObject({ value: 500 });
    expect(recency('2015-01-31')).toMatchObject({ value: 100 });
    const unrelated = computeFit({ ...profile, experience: [{ role: 'Chef', skills: [], isCurrent: true, endDate: null }] }, listing);
    expect(unrelated.factors.find((f) => f.kind === 'recency')).toMatchObject({ value: 0 });
  });

  it('scores an empty profile low but not zero, everything unknown', () => {
    const empty: FitProfile = { skills: [], titles: [], yearsOfExperience: null, levels: [], salaryMinCents: null, salaryCurrency: null, locations: [], remote: 'any', experience: [] };
    const fit = computeFit(empty, listing);
    expect(fit.score).toBe(38); // skills 0 + title 10 + seniority 7.5 + salary 5 + location 10 + recency 5 = 37.5
  });
});

describe('skill keys and title words', () => {
  it('folds spellings of one skill together', () => {
    expect(['Postgres', 'PostgreSQL', ' psql '].map(skillKey)).toEqual(['postgresql', 'postgresql', 'postgresql']);
    expect(skillKey('Node JS')).toBe('node.js');
    expect(skillKey('Rust')).toBe('rust');
  });

  it('compares titles by what the work is, not how senior', () => {
    expect([...titleTokens('Senior Backend Developer')]).toEqual(['back-end', 'engineer']);
    expect(titleSimilarity(titleTokens('Sr. Back-end Engineer'), titleTokens('Backend Developer II'))).toBe(1000);
    expect(titleSimilarity(titleTokens('Data Engineer'), titleTokens('Backend Engineer'))).toBe(333);
  });
});
