import { isUser } from '@jobgraph/kit';
import type { DbSubscriptionStatus } from '../db/types.ts';
import { freeSubscription, freeSubscriptionId } from '../domain/free-subscription.ts';
import { canReadSubscription } from '../domain/subscription-access.ts';
import type { BillingSubscriptionResolvers, SubscriptionStatus } from '../generated/resolvers.ts';

const toSubscriptionStatus = (status: DbSubscriptionStatus): SubscriptionStatus => status.toUpperCase() as SubscriptionStatus;

export const BillingSubscription: BillingSubscriptionResolvers = {
  /** Someone else's subscription answers as if it did not exist. */
  __resolveReference: async (reference, { principal, loaders }) => {
    const stored = await loaders.subscriptionById.load(reference.id);
    if (stored) return !stored.company_id && canReadSubscription(principal, stored.user_id) ? stored : null;
    // The viewer's Free subscription, while it is not stored and they have no other.
    if (!isUser(principal) || reference.id.toLowerCase() !== freeSubscriptionId(principal.userId)) return null;
    const live = await loaders.liveSubscriptionByUserId.load(principal.userId);
    return live ? null : freeSubscription(principal.userId, new Date());
  },
  plan: async (subscription, _args, { loaders }) => {
    const plan = await loaders.planById.load(subscription.plan_id);
    if (!plan) throw new Error(`subscription ${subscription.id} refers to missing plan ${subscription.plan_id}`);
    return plan;
  },
  status: (subscription) => toSubscriptionStatus(subscription.status),
  currentPeriodStart: (subscription) => subscription.current_period_start,
  currentPeriodEnd: (subscription) => subscription.current_period_end,
  cancelAtPeriodEnd: (subscription) => subscription.cancel_at_period_end,
  companyId: (subscription) => subscription.company_id ?? null,
};
