import { ApplicationCreated, EntitlementsChanged, FeaturedListingPurchased, UserErased, catalogCompanyTopic, catalogJobListingTopic, on, onBatch, type HandlerRegistration } from '@jobgraph/kit';
import type { Database } from '../db/types.ts';
import { countApplications, featureListing, projectEntitlements } from '../domain/billing-projections.ts';
import { forgetUser } from '../domain/forget-user.ts';

/** The topics catalog's outbox publishes to: companies (and their members) and job listings. */
export const catalogPublishes = [catalogCompanyTopic, catalogJobListingTopic] as const;

/**
 * What catalog does when other domains speak. Each handler runs in the consumer's
 * transaction with the event id already in the inbox: its writes, its outbox rows and
 * the inbox row commit together or not at all.
 */
export const catalogHandlers: readonly HandlerRegistration<Database>[] = [
  on(UserErased, async (trx, event) => {
    await forgetUser(trx, event.data.userId);
  }),
  on(EntitlementsChanged, (trx, event) => projectEntitlements(trx, event.data)),
  on(FeaturedListingPurchased, (trx, event) => featureListing(trx, event.data)),
  // The busiest event catalog hears (every application): a run of them is one UPDATE.
  onBatch(ApplicationCreated, (trx, events) => countApplications(trx, events.map((event) => event.data.jobListingId))),
];
