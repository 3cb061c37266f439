import { sql, type Kysely } from 'kysely';
import { yearlyBandEdges } from '../domain/job-search.ts';
import { matchingListings, type SpelledSearch } from './search-job-listings.ts';
import type { Database, DbEmploymentType, DbRemoteType, DbSalaryPeriod, DbSeniorityLevel } from './types.ts';

/** How many of each value are shown where a facet could list many. */
export const topFacetValues = 10;

export interface JobFacetCounts {
  readonly total: number;
  readonly remoteTypes: readonly { value: DbRemoteType; count: number }[];
  readonly employmentTypes: readonly { value: DbEmploymentType; count: number }[];
  readonly seniorities: readonly { value: DbSeniorityLevel; count: number }[];
  readonly tags: readonly { value: string; count: number }[];
  /** Location ids. */
  readonly places: readonly { value: string; count: number }[];
  readonly countries: readonly { value: string; count: number }[];
  /** `bucket` numbers the bands over `yearlyBandEdges` (0 below the first edge). */
  readonly salaryBands: readonly { currency: string; period: DbSalaryPeriod; bucket: number; count: number }[];
}

interface FacetRow {
  facet: 'total' | 'remote' | 'employment' | 'seniority' | 'tag' | 'place' | 'country' | 'salary';
  value: string | null;
  extra: string | null;
  bucket: number | null;
  count: number;
}

/**
 * Every facet of the listings `search` matches, in one statement over `listing_search`'s narrow
 * rows: the matching rows once (a materialized CTE), one pass counting them in total and per
 * remote type, employment type, seniority, place and salary band (GROUPING SETS: one hash
 * table per set, filled in the same scan), countries summed from the place counts, and the top
 * tags from the rows' tag arrays. Values no listing has are left out; ties in the top lists break by value.
 */
export async function jobFacets(db: Kysely<Database>, search: SpelledSearch): Promise<JobFacetCounts> {
  const matched = matchingListings(db, search).select(['remote_type', 'employment_type', 'seniority', 'tags', 'location_id', 'salary_currency', 'salary_period', 'salary_yearly_top_cents']);
  const edges = sql.raw(`array[${yearlyBandEdges.join(', ')}]::bigint[]`);
  // `grouping(remote_type, employment_type, seniority, location_id, salary_currency)` has a bit
  // set for each column a set leaves out (remote_type the highest): 31 is the total, 15 per
  // remote type, 23 per employment type, 27 per seniority, 29 per place, 30 per salary band.
  const { rows } = await sql<FacetRow>`
    with m as materialized (${matched}),
    g as (
      select grouping(remote_type, employment_type, seniority, location_id, salary_currency) as set,
        remote_type, employment_type, seniority, location_id, salary_currency, salary_period,
        width_bucket(salary_yearly_top_cents, ${edges}) as bucket, count(*)::int as count
      from m
      group by grouping sets ((), (remote_type), (employment_type), (seniority), (location_id), (salary_currency, salary_period, width_bucket(salary_yearly_top_cents, ${edges})))
    )
    select 'total' as facet, null as value, null as extra, null::int as bucket, count from g where set = 31
    union all select 'remote', remote_type, null, null, count from g where set = 15
    union all select 'employment', employment_type, null, null, count from g where set = 23
    union all select 'seniority', seniority, null, null, count from g where set = 27 and seniority is not null
    union all (select 'place', location_id::text, null, null, count from g where set = 29 and location_id is not null order by count desc, location_id limit ${topFacetValues})
    union all (select 'country', l.country_code::text, null, null, sum(g.count)::int from g join locations l on l.id = g.location_id where g.set = 29
      group by l.country_code order by sum(g.count) desc, l.country_code limit ${topFacetValues})
    union all select 'salary', salary_currency::text, salary_period, bucket::int, count from g where set = 30 and salary_currency is not null
    union all (select 'tag', tag, null, null, count(*)::int from m, unnest(m.tags) as tag group by tag order by count(*) desc, tag limit ${topFacetValues})
  `.execute(db);
  const of = (facet: FacetRow['facet']) => rows.filter((row) => row.facet === facet);
  const counted = <T extends string>(facet: FacetRow['facet']) =>
    of(facet)
      .map((row) => ({ value: row.value as T, count: row.count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return {
    total: of('total')[0]?.count ?? 0,
    remoteTypes: counted<DbRemoteType>('remote'),
    employmentTypes: counted<DbEmploymentType>('employment'),
    seniorities: counted<DbSeniorityLevel>('seniority'),
    tags: counted('tag'),
    places: counted('place'),
    countries: counted('country'),
    salaryBands: of('salary')
      .map((row) => ({ currency: row.value ?? '', period: row.extra as DbSalaryPeriod, bucket: row.bucket ?? 0, count: row.count }))
      .sort((a, b) => a.currency.localeCompare(b.currency) || a.period.localeCompare(b.period) || a.bucket - b.bucket),
  };
}
