import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { JobSearch, JobSort } from '../domain/job-search.ts';
import { boundingBox } from '../domain/place.ts';
import { jobListingColumns } from './job-listing-columns.ts';
import { afterNewest, afterRank, afterSalary, listedAt, newestKey, relevanceKeyPrefix, salaryKey, salaryOrderValue, type ListedJobListing, type ListingPage } from './listing-order.ts';
import { openNow } from './listing-status-filter.ts';
import type { Database } from './types.ts';

/**
 * A page of the open public listings matching `search`, `limit + 1` rows, in `sort` order:
 * `relevance` by rank (needs words), `recency` newest first, `salary` by the yearly top of
 * range. Ties break by id.
 */
export async function searchJobListings(db: Kysely<Database>, search: JobSearch, sort: JobSort, page: ListingPage): Promise<ListedJobListing[]> {
  const matched = matchingListings(db, search).select(jobListingColumns);
  const { after } = page;
  if (sort === 'recency' || (sort === 'relevance' && search.text === null)) {
    return matched
      .select(newestKey.as('sort_key'))
      .$call((qb) => (after ? qb.where(afterNewest(after)) : qb))
      .orderBy(listedAt, 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute();
  }
  if (sort === 'salary') {
    return matched
      .select(salaryKey.as('sort_key'))
      .$call((qb) => (after ? qb.where(afterSalary(after)) : qb))
      .orderBy(salaryOrderValue, 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute();
  }
  const text = search.text ?? '';
  const query = sql`websearch_to_tsquery('english', ${text}::text)`;
  // A featured listing ranks as if it matched half a point better (CA-10).
  const ranked = matched.select(
    sql<string>`round((ts_rank_cd(search_vector, ${query}) + word_similarity(${text}::text, title) + case when featured_until > now() then 0.5 else 0 end)::numeric, 6)`.as('rank'),
  );
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .selectAll()
    .$call((qb) => (after ? qb.where(afterRank(after)) : qb))
    .orderBy('rank', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  return rows.map(({ rank, ...listing }) => ({ ...listing, sort_key: relevanceKeyPrefix + rank }));
}

/**
 * Open public listings matching `search`, unselected: words match the full text (title,
 * tags, description; stemmed, `websearch_to_tsquery` syntax) or nearly match the title
 * (`word_similarity`, forgiving typos); then every filter. Pages, facets and the history's
 * result count all start here, so they count the same listings.
 */
export function matchingListings(db: Kysely<Database>, search: JobSearch): SelectQueryBuilder<Database, 'job_listings', object> {
  const open = db.selectFrom('job_listings').where(openNow).where('visibility', '=', 'public');
  const text = search.text;
  const worded = text === null ? open : open.where(sql<boolean>`(search_vector @@ websearch_to_tsquery('english', ${text}::text) or ${text}::text <% title)`);
  return filtered(worded, search);
}

function filtered<O>(qb: SelectQueryBuilder<Database, 'job_listings', O>, search: JobSearch): SelectQueryBuilder<Database, 'job_listings', O> {
  const { remoteTypes, employmentTypes, seniorities, tags, companyId, minSalary, countries, placeIds, near } = search;
  return qb
    .$if(countries.length > 0, (q) => q.where('location_id', 'in', (eb) => eb.selectFrom('locations').select('id').where('country_code', 'in', countries)))
    .$if(placeIds.length > 0, (q) => q.where('location_id', 'in', placeIds))
    .$call((q) => (near ? q.where('location_id', 'in', (eb) => eb.selectFrom('locations').select('id').where(within(near)).where(haversineWithin(near))) : q))
    .$if(remoteTypes.length > 0, (q) => q.where('remote_type', 'in', remoteTypes))
    .$if(employmentTypes.length > 0, (q) => q.where('employment_type', 'in', employmentTypes))
    .$if(seniorities.length > 0, (q) => q.where('seniority', 'in', seniorities))
    .$if(tags.length > 0, (q) => q.where('tags', '@>', sql<string[]>`${[...tags]}::text[]`))
    .$call((q) => (companyId !== null ? q.where('company_id', '=', companyId) : q))
    .$call((q) =>
      minSalary !== null
        ? q.where('salary_currency', '=', minSalary.currency).where('salary_period', '=', minSalary.period).where(sql<number>`coalesce(salary_max_cents, salary_min_cents)`, '>=', minSalary.amountCents)
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
