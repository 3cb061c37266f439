import { sql, type Kysely } from 'kysely';
import type { EntitlementsChangedData, FeaturedListingPurchasedData } from '@jobgraph/kit';
import type { Database } from '../db/types.ts';

/**
 * Keeps an employer company's entitlements from billing; a candidate's own plan (`user`) is
 * not catalog's business. An older `version` arriving late changes nothing.
 */
export async function projectEntitlements(trx: Kysely<Database>, data: EntitlementsChangedData): Promise<void> {
  if (data.account.kind !== 'company') return;
  const row = {
    company_id: data.account.id,
    plan_code: data.planCode,
    status: data.status,
    active_listings: data.limits.activeListings,
    version: data.version,
    effective_at: new Date(data.effectiveAt),
    updated_at: new Date(),
  };
  await trx
    .insertInto('company_entitlements')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('company_id')
        .doUpdateSet({ plan_code: row.plan_code, status: row.status, active_listings: row.active_listings, version: row.version, effective_at: row.effective_at, updated_at: row.updated_at })
        .where('company_entitlements.version', '<', row.version),
    )
    .execute();
}

/**
 * Features the listing until the bought time; a second purchase extends, never shortens. The
 * listing must belong to the company that paid; anything else is ignored (and logged by nobody:
 * billing checked it when it sold).
 */
export async function featureListing(trx: Kysely<Database>, data: FeaturedListingPurchasedData): Promise<void> {
  const until = new Date(data.featuredUntil);
  await trx
    .updateTable('job_listings')
    .set({ featured_until: sql<Date>`greatest(coalesce(featured_until, ${until}), ${until})` })
    .where('id', '=', data.jobListingId)
    .where('company_id', '=', data.companyId)
    .execute();
}

/**
 * Counts applications to listings from a run of ApplicationCreated events (an application
 * without a listing counts nowhere): one UPDATE whatever the run's length, each listing
 * raised by how many of the run name it, the same totals as one event at a time; the inbox
 * makes a redelivery count once.
 */
export async function countApplications(trx: Kysely<Database>, jobListingIds: readonly (string | null)[]): Promise<void> {
  const tally = new Map<string, number>();
  for (const id of jobListingIds) if (id !== null) tally.set(id, (tally.get(id) ?? 0) + 1);
  if (tally.size === 0) return;
  await sql`
    update job_listings set application_count = application_count + t.n
    from unnest(${[...tally.keys()]}::uuid[], ${[...tally.values()]}::int[]) as t(id, n)
    where job_listings.id = t.id`.execute(trx);
}
