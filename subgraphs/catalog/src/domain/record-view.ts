import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import { jobListingColumns } from '../db/job-listing-columns.ts';
import type { JobListing } from '../db/types.ts';
import type { CatalogDeps } from './deps.ts';

/**
 * Counts one view of a listing the caller was allowed to see (the resolver checks that first).
 * A counter only: no event, nothing an analyst reads from the domain's history.
 */
export async function countListingView(deps: CatalogDeps, listingId: string): Promise<Outcome<JobListing>> {
  const listing = await deps.db
    .updateTable('job_listings')
    .set((eb) => ({ view_count: eb('view_count', '+', 1) }))
    .where('id', '=', listingId)
    .returning(jobListingColumns)
    .executeTakeFirst();
  return listing ? succeed(listing) : fail(userError('NOT_FOUND', 'There is no such listing.', ['id']));
}
