import { planIds } from './plan-catalog.ts';
import type { SubscriptionView } from './subscription-view.ts';
import { uuidV5 } from '@jobgraph/kit';

/** Billing's namespace for the Free subscription id derived from a user id. Never change it. */
const freeSubscriptionNamespace = '2f8e6c1d-4b3a-4e59-8d17-6a0c9b5e3f24';

/**
 * The id of a user's Free subscription, derived from their user id: the same in every
 * request, and the id a later "user registered" handler gives the row it stores, so the
 * subscription keeps its id when it becomes real.
 */
export function freeSubscriptionId(userId: string): string {
  return uuidV5(userId.toLowerCase(), freeSubscriptionNamespace);
}

/** The calendar month (UTC) around `now`: the window monthly allowances count in. */
export function calendarMonthOf(now: Date): { readonly start: Date; readonly end: Date } {
  return {
    start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
    end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
  };
}

/** What a user without a stored subscription is on: Free, active, renewing every month. */
export function freeSubscription(userId: string, now: Date): SubscriptionView {
  const period = calendarMonthOf(now);
  return {
    id: freeSubscriptionId(userId),
    user_id: userId.toLowerCase(),
    plan_id: planIds.free,
    status: 'active',
    current_period_start: period.start,
    current_period_end: period.end,
    cancel_at_period_end: false,
  };
}
