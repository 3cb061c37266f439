import { describe, expect, it } from 'vitest';
import { maxSalaryCents, validateSalaryRange } from '../../src/domain/salary-range.ts';

const field = ['input', 'salary'];
const codes = (outcome: ReturnType<typeof validateSalaryRange>) => (outcome.ok ? [] : outcome.errors.map((e) => `${e.code} ${e.field.join('.')}`));

describe('a salary range', () => {
  it('accepts a range, a floor or a ceiling, and upper-cases the currency', () => {
    expect(validateSalaryRange({ minCents: 5_000_000, maxCents: 7_000_000, currency: 'eur' }, field)).toEqual({ ok: true, value: { minCents: 5_000_000, maxCents: 7_000_000, currency: 'EUR' } });
    expect(validateSalaryRange({ minCents: 5_000_000, currency: 'USD' }, field)).toEqual({ ok: true, value: { minCents: 5_000_000, maxCents: null, currency: 'USD' } });
    expect(validateSalaryRange({ maxCents: 0, currency: 'USD' }, field)).toMatchObject({ ok: true, value: { minCents: null, maxCents: 0 } });
  });

  it('accepts a range of one amount', () => {
    expect(validateSalaryRange({ minCents: 100, maxCents: 100, currency: 'GBP' }, field).ok).toBe(true);
  });

  it('refuses a maximum below the minimum, on the maximum', () => {
    expect(codes(validateSalaryRange({ minCents: 200, maxCents: 100, currency: 'GBP' }, field))).toEqual(['SALARY_RANGE_INVERTED input.salary.maxCents']);
  });

  it('refuses a range without either bound', () => {
    expect(codes(validateSalaryRange({ currency: 'GBP' }, field))).toEqual(['INVALID_SALARY input.salary']);
  });

  it('refuses negative, fractional and absurd amounts on their own fields', () => {
    expect(codes(validateSalaryRange({ minCents: -1, maxCents: 10.5, currency: 'GBP' }, field))).toEqual(['INVALID_SALARY input.salary.minCents', 'INVALID_SALARY input.salary.maxCents']);
    expect(codes(validateSalaryRange({ maxCents: maxSalaryCents + 1, currency: 'GBP' }, field))).toEqual(['INVALID_SALARY input.salary.maxCents']);
  });

  it('refuses a currency that is not three letters', () => {
    expect(codes(validateSalaryRange({ minCents: 1, currency: 'EURO' }, field))).toEqual(['INVALID_CURRENCY input.salary.currency']);
    expect(codes(validateSalaryRange({ minCents: 1, currency: '€' }, field))).toEqual(['INVALID_CURRENCY input.salary.currency']);
  });
});
