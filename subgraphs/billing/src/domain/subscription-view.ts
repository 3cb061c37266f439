import type { Subscription } from '../db/types.ts';

/** A subscription as the graph shows it: a stored row, or the Free one a user has before any is stored. */
export type SubscriptionView = Pick<Subscription, 'id' | 'user_id' | 'plan_id' | 'status' | 'current_period_start' | 'current_period_end' | 'cancel_at_period_end'> & { readonly company_id?: string | null };

/** Statuses under which the plan applies; at most one such subscription per user. */
export const liveStatuses = ['active', 'trialing', 'past_due'] as const;
