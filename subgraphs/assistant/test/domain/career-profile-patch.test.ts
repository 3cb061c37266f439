import { describe, expect, it } from 'vitest';
import { parseCareerProfilePatch } from '../../src/domain/career-profile-patch.ts';
import { normalizeTextList } from '../../src/domain/text-list.ts';

const skills = { field: ['input', 'skills'], noun: 'skill', maxItems: 50, maxLength: 50 };

describe('skill normalization', () => {
  it('trims, single-spaces and drops blank entries', () => {
    expect(normalizeTextList(['  React ', 'Node\t.js', '', '   '], skills)).toEqual({ values: ['React', 'Node .js'], errors: [] });
  });

  it('drops case-insensitive duplicates, keeping the first spelling', () => {
    expect(normalizeTextList(['PostgreSQL', 'postgresql', 'POSTGRESQL ', 'Kafka'], skills).values).toEqual(['PostgreSQL', 'Kafka']);
  });

  it('names the index of a skill that is too long, as sent', () => {
    const { errors } = normalizeTextList(['a', 'a', ' ', 'x'.repeat(51)], skills);
    expect(errors).toEqual([expect.objectContaining({ code: 'TOO_LONG', field: ['input', 'skills', '3'] })]);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(normalizeTextList(['🚀'.repeat(50)], skills).errors).toEqual([]);
  });

  it('allows 50 different skills and refuses 51, duplicates not counted', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `s${i}`);
    expect(normalizeTextList([...fifty, 'S0', 's1'], skills).errors).toEqual([]);
    expect(normalizeTextList([...fifty, 's50'], skills).errors).toEqual([expect.objectContaining({ code: 'TOO_MANY_ITEMS', field: ['input', 'skills'] })]);
  });
});

describe('a career profile patch', () => {
  it('changes only the fields it names', () => {
    expect(parseCareerProfilePatch({ headline: 'Engineer' })).toEqual({ ok: true, value: { headline: 'Engineer' } });
  });

  it('clears fields sent as null, and blank text counts as null', () => {
    const outcome = parseCareerProfilePatch({ headline: '   ', summary: null, skills: null, remote: null, desiredSalary: null, openToWork: null });
    expect(outcome).toEqual({
      ok: true,
      value: { headline: null, summary: null, skills: [], remote_preference: 'any', desired_salary_min_cents: null, desired_salary_max_cents: null, desired_salary_currency: null, open_to_work: false },
    });
  });

  it('strips control characters that Postgres cannot store', () => {
    expect(parseCareerProfilePatch({ headline: 'a\u0000b', summary: 'line\u0007\none' })).toEqual({ ok: true, value: { headline: 'ab', summary: 'line\none' } });
  });

  it('upper-cases the currency', () => {
    expect(parseCareerProfilePatch({ desiredSalary: { amountCents: 0, currency: 'eur' } })).toEqual({
      ok: true,
      value: { desired_salary_min_cents: 0, desired_salary_max_cents: null, desired_salary_currency: 'EUR' },
    });
  });

  it('keeps headline within 120 and summary within 2,000 characters', () => {
    expect(parseCareerProfilePatch({ headline: 'h'.repeat(120), summary: 's'.repeat(2000) }).ok).toBe(true);
    const outcome = parseCareerProfilePatch({ headline: 'h'.repeat(121), summary: 's'.repeat(2001) });
    expect(outcome.ok ? [] : outcome.errors.map((e) => e.field)).toEqual([['input', 'headline'], ['input', 'summary']]);
  });

  it('keeps years of experience between 0 and 70, and salary not negative', () => {
    expect(parseCareerProfilePatch({ yearsOfExperience: 0 }).ok).toBe(true);
    expect(parseCareerProfilePatch({ yearsOfExperience: 70 }).ok).toBe(true);
    for (const years of [-1, 71]) {
      expect(parseCareerProfilePatch({ yearsOfExperience: years })).toMatchObject({ ok: false, errors: [{ code: 'OUT_OF_RANGE', field: ['input', 'yearsOfExperience'] }] });
    }
    expect(parseCareerProfilePatch({ desiredSalary: { amountCents: -5, currency: 'USD' } })).toMatchObject({
      ok: false,
      errors: [{ code: 'OUT_OF_RANGE', field: ['input', 'desiredSalary', 'amountCents'] }],
    });
  });
});

describe('the extended facts of a profile (AS-03)', () => {
  it('keeps a salary range, levels, job types and single-line facts', () => {
    const parsed = parseCareerProfilePatch({
      desiredSalary: { amountCents: 9_000_000, currency: 'usd', maxAmountCents: 12_000_000 },
      levels: ['senior', 'lead', 'senior'],
      jobTypes: ['full_time'],
      currentTitle: '  Staff\n Engineer ',
      languages: ['English', 'english', 'German'],
      availability: 'within_month',
      educationLevel: 'master',
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        desired_salary_min_cents: 9_000_000,
        desired_salary_max_cents: 12_000_000,
        desired_salary_currency: 'USD',
        desired_levels: ['senior', 'lead'],
        desired_job_types: ['full_time'],
        current_title: 'Staff Engineer',
        languages: ['English', 'German'],
        availability: 'within_month',
        education_level: 'master',
      },
    });
  });

  it('refuses a range whose top is below its bottom, and an overlong title', () => {
    const parsed = parseCareerProfilePatch({ desiredSalary: { amountCents: 100, currency: 'EUR', maxAmountCents: 99 }, currentTitle: 'x'.repeat(121) });
    expect(parsed.ok ? [] : parsed.errors.map((e) => [e.code, e.field.join('.')])).toEqual([
      ['TOO_LONG', 'input.currentTitle'],
      ['OUT_OF_RANGE', 'input.desiredSalary.maxAmountCents'],
    ]);
  });
});
