import type { DbStatsPeriod } from '../db/types.ts';

/** The counts a snapshot keeps for one user, period and source. */
export interface StatCounts {
  readonly active_applications: number;
  readonly applications: number;
  readonly responded: number;
  readonly interviewed: number;
  readonly offered: number;
  readonly days_to_first_response_sum: number;
}

export interface StatRates {
  readonly activeApplications: number;
  readonly applications: number;
  /** Share of the period's applications the employer answered (any stage past Applied, or a response date); null without applications. */
  readonly responseRate: number | null;
  readonly interviewRate: number | null;
  readonly offerRate: number | null;
  /** Mean days from applying to the first answer, over answered applications; null when none was answered. */
  readonly averageDaysToFirstResponse: number | null;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/** What the API shows of a snapshot: counts and rates rounded to four places, days to one. */
export function statRates(counts: StatCounts): StatRates {
  return {
    activeApplications: counts.active_applications,
    applications: counts.applications,
    responseRate: ratio(counts.responded, counts.applications),
    interviewRate: ratio(counts.interviewed, counts.applications),
    offerRate: ratio(counts.offered, counts.applications),
    averageDaysToFirstResponse: counts.responded === 0 ? null : Math.round((counts.days_to_first_response_sum / counts.responded) * 10) / 10,
  };
}

/** The first day (UTC) of the week (Monday) or month holding `at`, as `YYYY-MM-DD`. */
export function periodStart(period: DbStatsPeriod, at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), period === 'month' ? 1 : at.getUTCDate()));
  if (period === 'week') day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/** The day after the period that starts on `start`. */
export function periodEnd(period: DbStatsPeriod, start: string): string {
  const day = new Date(`${start}T00:00:00Z`);
  if (period === 'week') day.setUTCDate(day.getUTCDate() + 7);
  else day.setUTCMonth(day.getUTCMonth() + 1);
  return day.toISOString().slice(0, 10);
}
