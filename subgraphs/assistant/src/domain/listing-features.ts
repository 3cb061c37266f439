import { sql, type Kysely } from 'kysely';
import type { JobListingSnapshot } from '@jobgraph/kit';
import type { Database, NewListingFeatures } from '../db/types.ts';
import { countListingTags } from './cv/skill-vocabulary-store.ts';

const dateOrNull = (value: string | null): Date | null => (value === null ? null : new Date(value));

/** A catalog snapshot as a listing_features row, as of the event's time. */
export function listingFeaturesRow(snapshot: JobListingSnapshot, eventTime: Date): NewListingFeatures {
  return {
    listing_id: snapshot.listingId,
    company_id: snapshot.companyId,
    title: snapshot.title,
    status: snapshot.status,
    employment_type: snapshot.employmentType,
    remote_type: snapshot.remoteType,
    seniority: snapshot.seniority,
    location: snapshot.location,
    tags: [...snapshot.tags],
    salary_min_cents: snapshot.salary?.minCents ?? null,
    salary_max_cents: snapshot.salary?.maxCents ?? null,
    salary_currency: snapshot.salary?.currency ?? null,
    posted_at: dateOrNull(snapshot.postedAt),
    closed_at: dateOrNull(snapshot.closedAt),
    expires_at: dateOrNull(snapshot.expiresAt),
    event_time: eventTime,
  };
}

/**
 * Applies a listing snapshot (drafted, posted, updated, closed: each carries the whole
 * listing) unless the row already holds a newer one. Catalog's events of one listing
 * arrive in order on its key, so this matters for replays and redeliveries from another
 * source: an older snapshot arriving after a newer one does not win. Of two snapshots
 * with the same time, the later delivered wins, as their order on the key says.
 *
 * The skill vocabulary follows the listing's tags in the same transaction.
 *
 * @returns whether the snapshot was applied
 */
export async function projectListing(trx: Kysely<Database>, snapshot: JobListingSnapshot, eventTime: Date): Promise<boolean> {
  const row = listingFeaturesRow(snapshot, eventTime);
  // Locked, so two snapshots of one listing move the vocabulary's counts one after the other.
  const previous = await trx.selectFrom('listing_features').select('tags').where('listing_id', '=', snapshot.listingId).forUpdate().executeTakeFirst();
  const { listing_id: _id, ...changes } = row;
  const applied = await trx
    .insertInto('listing_features')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('listing_id')
        .doUpdateSet({ ...changes, updated_at: sql<Date>`now()` })
        .where('listing_features.event_time', '<=', eventTime),
    )
    .returning('listing_id')
    .executeTakeFirst();
  if (applied === undefined) return false;
  await countListingTags(trx, previous?.tags ?? [], snapshot.tags);
  return true;
}
