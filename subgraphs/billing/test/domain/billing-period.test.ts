import { describe, expect, it } from 'vitest';
import { addDays, periodEnd, prorationCents } from '../../src/domain/billing-period.ts';

describe('billing periods', () => {
  it('end one calendar month later, clamped to the last day of a shorter month', () => {
    expect(periodEnd(new Date('2030-01-15T10:00:00Z'), 'month').toISOString()).toBe('2030-02-15T10:00:00.000Z');
    expect(periodEnd(new Date('2030-01-31T00:00:00Z'), 'month').toISOString()).toBe('2030-02-28T00:00:00.000Z');
    expect(periodEnd(new Date('2032-02-29T00:00:00Z'), 'year').toISOString()).toBe('2033-02-28T00:00:00.000Z');
    expect(addDays(new Date('2030-01-01T00:00:00Z'), 14).toISOString()).toBe('2030-01-15T00:00:00.000Z');
  });

  it('prorate an upgrade by the share of the period left, and charge nothing for a downgrade', () => {
    const periodStart = new Date('2030-01-01T00:00:00Z');
    const end = new Date('2030-01-31T00:00:00Z');
    const halfway = new Date('2030-01-16T00:00:00Z');
    expect(prorationCents({ fromPriceCents: 9900, toPriceCents: 29900, periodStart, periodEnd: end, now: halfway })).toBe(10000);
    expect(prorationCents({ fromPriceCents: 9900, toPriceCents: 29900, periodStart, periodEnd: end, now: periodStart })).toBe(20000);
    expect(prorationCents({ fromPriceCents: 9900, toPriceCents: 29900, periodStart, periodEnd: end, now: end })).toBe(0);
    expect(prorationCents({ fromPriceCents: 1900, toPriceCents: 1000, periodStart, periodEnd: end, now: halfway })).toBe(0);
    // A third of the period left of a 1000-cent difference: 333.33… rounds to 333.
    expect(prorationCents({ fromPriceCents: 0, toPriceCents: 1000, periodStart, periodEnd: new Date('2030-01-04T00:00:00Z'), now: new Date('2030-01-03T00:00:00Z') })).toBe(333);
  });
});
