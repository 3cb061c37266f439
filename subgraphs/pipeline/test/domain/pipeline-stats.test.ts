import { describe, expect, it } from 'vitest';
import { periodEnd, periodStart, statRates } from '../../src/domain/pipeline-stats.ts';

describe('pipeline stats (PI-29)', () => {
  it('turns counts into rates and the mean days to a first answer', () => {
    expect(statRates({ active_applications: 5, applications: 8, responded: 3, interviewed: 2, offered: 1, days_to_first_response_sum: 10 })).toEqual({
      activeApplications: 5,
      applications: 8,
      responseRate: 0.375,
      interviewRate: 0.25,
      offerRate: 0.125,
      averageDaysToFirstResponse: 3.3,
    });
  });

  it('answers no rate rather than a division by zero', () => {
    expect(statRates({ active_applications: 0, applications: 0, responded: 0, interviewed: 0, offered: 0, days_to_first_response_sum: 0 })).toMatchObject({ responseRate: null, averageDaysToFirstResponse: null });
  });

  it('starts weeks on Monday and months on the first, in UTC', () => {
    expect(periodStart('week', new Date('2026-11-25T23:30:00Z'))).toBe('2026-11-23');
    expect(periodStart('week', new Date('2026-11-23T00:00:00Z'))).toBe('2026-11-23');
    expect(periodStart('week', new Date('2026-11-22T23:59:59Z'))).toBe('2026-11-16');
    expect(periodStart('month', new Date('2026-02-28T12:00:00Z'))).toBe('2026-02-01');
    expect(periodEnd('week', '2026-12-28')).toBe('2027-01-04');
    expect(periodEnd('month', '2026-12-01')).toBe('2027-01-01');
  });
});
