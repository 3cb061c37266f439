import { sql, type Kysely } from 'kysely';
import { jobListingColumns } from './job-listing-columns.ts';
import { afterNewest, newestKey, type ListedJobListing, type ListingPage } from './listing-order.ts';
import { effectiveStatusIn } from './listing-status-filter.ts';
import type { Database, DbListingStatus } from './types.ts';

/**
 * One page of listings for each of many companies, newest first, in one statement:
 * rows are numbered per company and cut at `limit + 1`. `publicOnly` leaves unlisted listings out.
 */
export async function listingsOfCompanies(db: Kysely<Database>, companyIds: readonly string[], statuses: readonly DbListingStatus[], page: ListingPage, publicOnly: boolean): Promise<ListedJobListing[]> {
  const { after } = page;
  const numbered = db
    .selectFrom('job_listings')
    .select(jobListingColumns)
    .select(newestKey.as('sort_key'))
    .select(sql<number>`row_number() over (partition by company_id order by coalesce(posted_at, created_at) desc, id desc)`.as('position'))
    .where('company_id', 'in', companyIds)
    .where((eb) => effectiveStatusIn(eb, statuses))
    .$if(publicOnly, (qb) => qb.where('visibility', '=', 'public'))
    .$call((qb) => (after ? qb.where(afterNewest(after)) : qb));
  const rows = await db.selectFrom(numbered.as('numbered')).selectAll().where('position', '<=', page.limit + 1).orderBy('company_id').orderBy('position').execute();
  return rows.map(({ position: _position, ...listing }) => listing);
}
