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
 * Every facet of the listings `search` matches, in one statement: the matching rows once
 * (a materialized CTE), then a count per remote type, employment type, seniority, the top
 * tags, places and countries, and salary bands per currency and pay period. Values no
 * listing has are left out; ties in the top lists break by value.
 */
export async function jobFacets(db: Kysely<Database>, search: SpelledSearch): Promise<JobFacetCounts> {
  const matched = matchingListings(db, search).select(['remote_type', 'employment_type', 'seniority', 'tags', 'location_id', 'salary_currency', 'salary_period', 'salary_yearly_top_cents']);
  const edges = sql.raw(`array[${yearlyBandEdges.join(', ')}]::bigint[]`);
  const { rows } = await sql<FacetRow>`
    with m as materialized (${matched})
    select 'total' as facet, null as value, null as extra, null::int as bucket, count(*)::int as count from m
    union all select 'remote', remote_type, null, null, count(*)::int from m group by remote_type
    union all select 'employment', employment_type, null, null, count(*)::int from m group by employment_type
    union all select 'seniority', seniority, null, null, count(*)::int from m where seniority is not null group by seniority
    union all (select 'tag', tag, null, null, count(*)::int from m, unnest(m.tags) as tag group by tag order by count(*) desc, tag limit ${topFacetValues})
    union all (select 'place', location_id::text, null, null, count(*)::int from m where location_id is not null group by location_id order by count(*) desc, location_id limit ${topFacetValues})
    union all (select 'country', l.country_code::text, null, null, count(*)::int from m join locations l on l.id = m.location_id group by l.country_code order by count(*) desc, l.country_code limit ${topFacetValues})
    union all select 'salary', salary_currency::text, salary_period, width_bucket(salary_yearly_top_cents, ${edges})::int, count(*)::int
      from m where salary_yearly_top_cents is not null group by 2, 3, 4
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
