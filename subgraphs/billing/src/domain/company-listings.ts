import type { Kysely } from 'kysely';
import type { JobListingSnapshot } from '@jobgraph/kit';
import type { Database } from '../db/types.ts';

/** Applies a listing event from catalog; an event older than the stored one changes nothing. */
export async function projectListing(trx: Kysely<Database>, listing: JobListingSnapshot, time: Date): Promise<void> {
  const row = { listing_id: listing.listingId.toLowerCase(), company_id: listing.companyId.toLowerCase(), status: listing.status, event_time: time };
  await trx
    .insertInto('company_listings')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('listing_id')
        .doUpdateSet({ company_id: row.company_id, status: row.status, event_time: row.event_time, updated_at: new Date() })
        .where('company_listings.event_time', '<=', row.event_time),
    )
    .execute();
}

/** Whether the listing is open and belongs to the company, as far as billing has heard. */
export async function isOpenListingOf(db: Kysely<Database>, companyId: string, listingId: string): Promise<boolean> {
  const row = await db.selectFrom('company_listings').select('status').where('listing_id', '=', listingId.toLowerCase()).where('company_id', '=', companyId.toLowerCase()).executeTakeFirst();
  return row?.status === 'open';
}
