import { describe, expect, it } from 'vitest';
import { checkResponseOrder, validateApplicationDetails } from '../../src/domain/application-details.ts';

const now = new Date('2026-11-25T12:00:00Z');

describe('validateApplicationDetails', () => {
  it('writes only the keys the input names, null clearing a value', () => {
    expect(validateApplicationDetails({ deadline: new Date('2027-01-15T00:00:00Z'), sourceLabel: null }, now)).toEqual({ ok: true, value: { deadline_on: '2027-01-15', source_label: null } });
    expect(validateApplicationDetails({}, now)).toEqual({ ok: true, value: {} });
  });

  it('keeps a salary range in cents with an upper-case currency, and clears all three together', () => {
    expect(validateApplicationDetails({ salary: { minCents: 100, maxCents: null, currency: 'eur' } }, now)).toEqual({
      ok: true,
      value: { salary_min_cents: 100, salary_max_cents: null, salary_currency: 'EUR' },
    });
    expect(validateApplicationDetails({ salary: null }, now)).toEqual({ ok: true, value: { salary_min_cents: null, salary_max_cents: null, salary_currency: null } });
  });

  it('reports every problem at once: a range upside down, no bound, a label too long, a response in the future', () => {
    const upsideDown = validateApplicationDetails({ salary: { minCents: 5, maxCents: 4, currency: 'USD' }, sourceLabel: 'x'.repeat(201), employerRespondedAt: new Date('2026-11-26T12:00:00Z') }, now);
    expect(upsideDown.ok ? [] : upsideDown.errors.map((e) => e.code)).toEqual(['TOO_LONG', 'INVALID_SALARY_RANGE', 'DATE_IN_FUTURE']);
    const empty = validateApplicationDetails({ salary: { currency: 'USD' } }, now);
    expect(empty.ok ? [] : empty.errors.map((e) => e.code)).toEqual(['SALARY_REQUIRED']);
  });
});

describe('checkResponseOrder', () => {
  it('refuses an answer before the application, and accepts one on or after it', () => {
    const applied = new Date('2026-11-20T09:00:00Z');
    expect(checkResponseOrder(applied, new Date('2026-11-19T09:00:00Z')).ok).toBe(false);
    expect(checkResponseOrder(applied, applied).ok).toBe(true);
    expect(checkResponseOrder(null, new Date('2026-11-19T09:00:00Z')).ok).toBe(true);
  });
});
