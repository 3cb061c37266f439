import type { Kysely } from 'kysely';
import { EntitlementsChanged, pendingEvent, type EntitlementLimits, type PendingEvent } from '@jobgraph/kit';
import type { Database, DbAccountKind, Subscription } from '../db/types.ts';
import { planIds } from './plan-catalog.ts';
import { purchasedJobPosts } from './purchased-job-posts.ts';

/** Plan features as `plan_entitlements` names them, per field of the event's limits. */
const featureOf: Readonly<Record<keyof EntitlementLimits, string>> = {
  aiCreditsPerPeriod: 'ai_credits_per_month',
  activeListings: 'job_posts_active',
  seats: 'seats',
  savedSearches: 'saved_searches',
  featuredListings: 'featured_listings',
};

/** A plan's limits: a feature it lists with a null limit is unlimited; one it does not list is 0. */
export async function planLimits(trx: Kysely<Database>, planId: string): Promise<EntitlementLimits> {
  const rows = await trx.selectFrom('plan_entitlements').select(['feature', 'limit_value']).where('plan_id', '=', planId).execute();
  const byFeature = new Map(rows.map((row) => [row.feature, row.limit_value]));
  const limit = (field: keyof EntitlementLimits) => (byFeature.has(featureOf[field]) ? (byFeature.get(featureOf[field]) ?? null) : 0);
  return {
    aiCreditsPerPeriod: limit('aiCreditsPerPeriod'),
    activeListings: limit('activeListings'),
    seats: limit('seats'),
    savedSearches: limit('savedSearches'),
    featuredListings: limit('featuredListings'),
  };
}

const nothing: EntitlementLimits = { aiCreditsPerPeriod: 0, activeListings: 0, seats: 0, savedSearches: 0, featuredListings: 0 };

/** Whose entitlements a subscription sets: the company's for an employer plan, else the user's. */
export function accountOf(subscription: Pick<Subscription, 'user_id' | 'company_id'>): { readonly kind: DbAccountKind; readonly id: string } {
  return subscription.company_id ? { kind: 'company', id: subscription.company_id } : { kind: 'user', id: subscription.user_id };
}

/** The account's next entitlements version: raised by one under the row's lock, in the caller's transaction. */
async function nextVersion(trx: Kysely<Database>, kind: DbAccountKind, id: string): Promise<number> {
  const row = await trx
    .insertInto('entitlement_versions')
    .values({ account_kind: kind, account_id: id, version: 1 })
    .onConflict((oc) => oc.columns(['account_kind', 'account_id']).doUpdateSet((eb) => ({ version: eb('entitlement_versions.version', '+', 1), updated_at: new Date() })))
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

/**
 * The EntitlementsChanged event for a subscription as it now stands, to commit with the
 * change. A canceled subscription leaves a user with the Free plan's limits and a company
 * with none; a company's running job-post purchases add to its plan's `activeListings`.
 */
export async function entitlementsChanged(trx: Kysely<Database>, subscription: Subscription, now: Date): Promise<PendingEvent> {
  const account = accountOf(subscription);
  const plan = await trx.selectFrom('plans').select('code').where('id', '=', subscription.plan_id).executeTakeFirstOrThrow();
  let limits: EntitlementLimits;
  if (subscription.status !== 'canceled') limits = await planLimits(trx, subscription.plan_id);
  else limits = account.kind === 'user' ? await planLimits(trx, planIds.free) : nothing;
  // Job posts a company bought add to its plan's open listings while they run.
  if (account.kind === 'company' && subscription.status !== 'canceled' && limits.activeListings !== null) {
    limits = { ...limits, activeListings: limits.activeListings + (await purchasedJobPosts(trx, account.id, now)) };
  }
  const version = await nextVersion(trx, account.kind, account.id);
  return pendingEvent(EntitlementsChanged, account.id, {
    account,
    subscriptionId: subscription.id,
    planCode: plan.code,
    status: subscription.status,
    limits,
    version,
    effectiveAt: now.toISOString(),
  });
}
