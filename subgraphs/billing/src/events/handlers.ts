import { UserErased, UserRegistered, billingCreditsTopic, billingSubscriptionTopic, on, type HandlerRegistration } from '@jobgraph/kit';
import type { Database } from '../db/types.ts';
import { forgetUser } from '../domain/forget-user.ts';
import { openFreeSubscription } from '../domain/open-free-subscription.ts';

/** The topics billing's outbox publishes to. */
export const billingPublishes = [billingSubscriptionTopic, billingCreditsTopic] as const;

/**
 * What billing does when other domains speak. Each handler runs in the consumer's
 * transaction, with the event id already in the inbox: its writes, its outbox rows and
 * the inbox row commit together or not at all.
 */
export const billingHandlers: readonly HandlerRegistration<Database>[] = [
  // A new user is on Free from the start, with this month's credits.
  on(UserRegistered, async (trx, event) => {
    await openFreeSubscription(trx, event.data.userId, new Date());
  }),
  on(UserErased, async (trx, event) => {
    await forgetUser(trx, event.data.userId);
  }),
];
