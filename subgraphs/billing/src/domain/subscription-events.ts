import type { SubscriptionData } from '@jobgraph/kit';
import type { Subscription } from '../db/types.ts';

/** A subscription as the billing.subscription.v1 events carry it: ids, plan, status, period. */
export function subscriptionEventData(subscription: Subscription, planCode: string): SubscriptionData {
  return {
    subscriptionId: subscription.id,
    userId: subscription.user_id,
    planCode,
    status: subscription.status,
    currentPeriodStart: subscription.current_period_start.toISOString(),
    currentPeriodEnd: subscription.current_period_end.toISOString(),
  };
}
