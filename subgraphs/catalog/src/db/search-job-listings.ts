import { sql, type AliasedSelectQueryBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { JobSearch, JobSort } from '../domain/job-search.ts';
import { boundingBox } from '../domain/place.ts';
import { jobListingColumns } from './job-listing-columns.ts';
import { afterNewest, afterRank, afterSalary, newestKeyOf, relevanceKeyPrefix, salaryKey, salaryOrderValue, searchedListedAt, type ListedJobListing, type ListingPage } from './listing-order.ts';
import type { Database } from './types.ts';

/**
 * A page of the open public listings matching `search`, `limit + 1` rows, in `sort` order:
 * `relevance` by rank (needs words), `recency` newest first, `salary` by the yearly top of
 * range. Ties break by id. The page is found, sorted and ranked over the narrow rows of
 * `listing_search`; only its own rows are read in full from `job_listings`, in the same statement.
 */
export async function searchJobListings(db: Kysely<Database>, search: SpelledSearch, sort: JobSort, page: ListingPage): Promise<ListedJobListing[]> {
  const matched = matchingListings(db, search);
  const { after } = page;
  let paged: AliasedSelectQueryBuilder<PageRow, 'page'>;
  if (sort === 'recency' || (sort === 'relevance' && search.text === null)) {
    paged = matched
      .select(['id', searchedListedAt.as('ord'), newestKeyOf(searchedListedAt).as('sort_key')])
      .$call((qb) => (after ? qb.where(afterNewest(after, searchedListedAt)) : qb))
      .orderBy(searchedListedAt, 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .as('page');
  } else if (sort === 'salary') {
    paged = matched
      .select(['id', salaryOrderValue.as('ord'), salaryKey.as('sort_key')])
      .$call((qb) => (after ? qb.where(afterSalary(after)) : qb))
      .orderBy(salaryOrderValue, 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .as('page');
  } else {
    paged = rankedPage(db, search, matched, page);
  }
  return db
    .selectFrom('job_listings')
    .innerJoin(paged, 'page.id', 'job_listings.id')
    .select(qualifiedListingColumns)
    .select('page.sort_key')
    .orderBy('page.ord', 'desc')
    .orderBy('job_listings.id', 'desc')
    .execute();
}

/** A page's narrow rows: the listing, its sort value and its cursor key. */
interface PageRow {
  id: string;
  ord: unknown;
  sort_key: string;
}

const qualifiedListingColumns = jobListingColumns.map((column) => `job_listings.${column}` as const);

/**
 * Relevance ranks the newest `rankedCandidates` matches: ranking every match of a common word
 * over a large catalog would cost a rank computation per match for one page. A featured
 * listing ranks as if it matched half a point better (CA-10).
 */
function rankedPage(
  db: Kysely<Database>,
  search: SpelledSearch,
  matched: SelectQueryBuilder<Database, 'listing_search', object>,
  page: ListingPage,
): AliasedSelectQueryBuilder<PageRow, 'page'> {
  const query = matchQuery(search);
  // The newest matches, from the listings whose vector the covering indexes carry (walked as an
  // index-only scan for a common word, or found by the GIN index for a rare one: the planner's
  // choice) and from the few whose vector is too large for them, merged newest first. Each
  // branch is ordered and limited on its own, so PostgreSQL merges two ordered scans.
  const newest = (compact: boolean) =>
    db
      .selectFrom(
        matched
          // Written out (not a parameter), so the partial indexes' conditions are seen to hold.
          .where(compact ? sql<boolean>`compact_vector` : sql<boolean>`not compact_vector`)
          .select(['id', 'listed_at', 'featured_until', sql<string>`search_vector`.as('search_vector')])
          .orderBy(searchedListedAt, 'desc')
          .orderBy('id', 'desc')
          .limit(rankedCandidates)
          .as(compact ? 'compact' : 'bulky'),
      )
      .selectAll();
  const candidates = db
    .selectFrom(newest(true).unionAll(newest(false)).as('merged'))
    .select(['id', 'featured_until', 'search_vector'])
    .orderBy('listed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(rankedCandidates);
  // `offset 0` keeps this a subquery of its own, so each candidate's rank is computed once: pulled
  // up, its expression was repeated in the sort, the cursor key and a deep page's filter, and
  // ts_rank_cd ran two or three times per candidate.
  const ranked = db
    .selectFrom(candidates.as('candidate'))
    .select(['id', sql<string>`round((ts_rank_cd(search_vector, ${query}, 1) + case when featured_until > now() then 0.5 else 0 end)::numeric, 6)`.as('rank')])
    .offset(0);
  const { after } = page;
  return db
    .selectFrom(ranked.as('ranked'))
    .select(['id', 'rank as ord', sql<string>`${relevanceKeyPrefix} || rank::text`.as('sort_key')])
    .$call((qb) => (after ? qb.where(afterRank(after)) : qb))
    .orderBy('rank', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .as('page');
}

/**
 * A search ready for SQL: its words' spelling corrected against title words
 * (`spellingCorrections`), and its place filters (countries, places, radius) resolved to the
 * places they allow (`placesOf`), so listings are found by `job_listings_location_id_idx`
 * with an estimate the planner can trust.
 */
export interface SpelledSearch extends JobSearch {
  /** The text with misspelled words replaced, or null when nothing was corrected. */
  readonly corrected: string | null;
  /** The places listings must be in; null without place filters. */
  readonly locationIds: readonly string[] | null;
}

/** The places a search's countries, place ids and radius allow together (one statement), or null without any. */
export async function placesOf(db: Kysely<Database>, search: JobSearch): Promise<string[] | null> {
  const { countries, placeIds, near } = search;
  if (countries.length === 0 && placeIds.length === 0 && near === null) return null;
  const rows = await db
    .selectFrom('locations')
    .select('id')
    .$if(countries.length > 0, (q) => q.where('country_code', 'in', countries))
    .$if(placeIds.length > 0, (q) => q.where('id', 'in', placeIds))
    .$call((q) => (near ? q.where(within(near)).where(haversineWithin(near)) : q))
    .execute();
  return rows.map((row) => row.id);
}

/** How many of the newest matches `relevance` ranks; pages of a ranked search end there. */
export const rankedCandidates = 1000;

/** The words as typed, or as corrected (`websearch_to_tsquery` syntax: quotes, `or`, `-word`). */
function matchQuery(search: SpelledSearch) {
  const typed = sql`websearch_to_tsquery('english', ${search.text ?? ''}::text)`;
  return search.corrected === null ? typed : sql`(${typed} || websearch_to_tsquery('english', ${search.corrected}::text))`;
}

/**
 * Open public listings matching `search`, unselected, as `listing_search` rows: the words, as
 * typed or with misspelled ones corrected, match the full text (title, tags, description;
 * stemmed, `websearch_to_tsquery` syntax, answered by the GIN index on `search_vector`); then
 * every filter. Pages, facets and the history's result count all start here, so they count
 * the same listings.
 */
export function matchingListings(db: Kysely<Database>, search: SpelledSearch): SelectQueryBuilder<Database, 'listing_search', object> {
  const open = db.selectFrom('listing_search').where(sql<boolean>`(expires_at is null or expires_at > now())`);
  const worded = search.text === null ? open : open.where(sql<boolean>`search_vector @@ ${matchQuery(search)}`);
  return filtered(worded, search);
}

function filtered<O>(qb: SelectQueryBuilder<Database, 'listing_search', O>, search: SpelledSearch): SelectQueryBuilder<Database, 'listing_search', O> {
  const { remoteTypes, employmentTypes, seniorities, tags, companyId, minSalary, locationIds } = search;
  return qb
    // The places were found first (`placesOf`): with their ids as a constant, the planner picks
    // `listing_search_location_idx` for a few places instead of walking every listing.
    .$call((q) => (locationIds === null ? q : q.where(sql<boolean>`location_id = any(${[...locationIds]}::uuid[])`)))
    .$if(remoteTypes.length > 0, (q) => q.where('remote_type', 'in', remoteTypes))
    .$if(employmentTypes.length > 0, (q) => q.where('employment_type', 'in', employmentTypes))
    .$if(seniorities.length > 0, (q) => q.where('seniority', 'in', seniorities))
    .$if(tags.length > 0, (q) => q.where('tags', '@>', sql<string[]>`${[...tags]}::text[]`))
    .$call((q) => (companyId !== null ? q.where('company_id', '=', companyId) : q))
    .$call((q) =>
      minSalary !== null
        ? q.where('salary_currency', '=', minSalary.currency).where('salary_period', '=', minSalary.period).where('salary_top_cents', '>=', minSalary.amountCents)
        : q,
    );
}

interface Circle {
  readonly latitude: number;
  readonly longitude: number;
  readonly radiusKm: number;
}

/** The bounding box, answered by `locations_lat_lng_idx`. */
function within(circle: Circle) {
  const box = boundingBox(circle.latitude, circle.longitude, circle.radiusKm);
  return sql<boolean>`latitude between ${box.minLat} and ${box.maxLat} and longitude between ${box.minLng} and ${box.maxLng}`;
}

/** The exact great-circle distance (haversine, Earth radius 6371 km) inside the box. */
function haversineWithin(circle: Circle) {
  return sql<boolean>`2 * 6371 * asin(least(1, sqrt(
    power(sin(radians(latitude - ${circle.latitude}::float8) / 2), 2)
    + cos(radians(${circle.latitude}::float8)) * cos(radians(latitude)) * power(sin(radians(longitude - ${circle.longitude}::float8) / 2), 2)
  ))) <= ${circle.radiusKm}::float8`;
}
