import type { DbBillingInterval } from '../db/types.ts';

/** The end of a period that starts at `start`: one calendar month or year later (UTC), clamped to the month's last day. */
export function periodEnd(start: Date, interval: Exclude<DbBillingInterval, 'none'>): Date {
  const months = interval === 'year' ? 12 : 1;
  const target = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1, start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds(), start.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return target;
}

/** `start` plus whole days. */
export function addDays(start: Date, days: number): Date {
  return new Date(start.getTime() + days * 86_400_000);
}

/**
 * What an upgrade costs now: the price difference for the part of the current period
 * that is left, rounded to the cent (half up). Never negative: a downgrade refunds nothing.
 */
export function prorationCents(input: { readonly fromPriceCents: number; readonly toPriceCents: number; readonly periodStart: Date; readonly periodEnd: Date; readonly now: Date }): number {
  const difference = input.toPriceCents - input.fromPriceCents;
  if (difference <= 0) return 0;
  const length = input.periodEnd.getTime() - input.periodStart.getTime();
  const left = Math.min(Math.max(input.periodEnd.getTime() - input.now.getTime(), 0), length);
  if (length <= 0) return 0;
  return Math.round((difference * left) / length);
}
