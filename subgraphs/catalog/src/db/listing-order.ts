import { isUuid, type Cursor } from '@jobgraph/kit';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { JobListing } from './types.ts';

/**
 * How a list of listings is sorted: `newest` by when it was published (created, for a
 * draft), `relevance` by search rank, `salary` by the yearly top of range (none last).
 * All break ties by id, so every position is unique.
 */
export type ListingOrder = 'newest' | 'relevance' | 'salary';

/** Where the previous page ended, in the sort's own terms. */
export interface ListingPosition {
  readonly order: ListingOrder;
  /** `newest`: a UTC timestamp with microseconds; `relevance`: the rank, a decimal; `salary`: cents, -1 for none. */
  readonly value: string;
  readonly id: string;
}

export interface ListingPage {
  /** Rows wanted; one more is fetched to learn whether another page follows. */
  readonly limit: number;
  readonly after: ListingPosition | null;
}

/** A listing as a page holds it, with the key its cursor is made of. */
export type ListedJobListing = JobListing & { readonly sort_key: string };

/** The sort value of `newest`, the expression `job_listings_open_newest_idx` indexes. */
export const listedAt = sql<Date>`coalesce(posted_at, created_at)`;

/** The same time as `listing_search` keeps it (its `listing_search_newest_idx`). */
export const searchedListedAt = sql<Date>`listed_at`;

/** A row's cursor key under `newest`: `n:` and its time (`at`) to the microsecond (a JS Date would lose them). */
export function newestKeyOf(at: RawBuilder<Date>): RawBuilder<string> {
  return sql<string>`'n:' || to_char(${at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** The cursor key of a listing row under `newest`. */
export const newestKey = newestKeyOf(listedAt);

/** Under `relevance` the key is `r:` and the rank, rounded to six places so it compares exactly. */
export const relevanceKeyPrefix = 'r:';

/** The sort value of `salary`, the expression `job_listings_open_salary_idx` indexes. */
export const salaryOrderValue = sql<number>`coalesce(salary_yearly_top_cents, -1)`;

/** A row's cursor key under `salary`: `s:` and its yearly top of range in cents (-1 without pay). */
export const salaryKey = sql<string>`'s:' || coalesce(salary_yearly_top_cents, -1)::text`;

const patterns: Record<ListingOrder, RegExp> = {
  newest: /^n:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)$/,
  relevance: /^r:(\d{1,12}(?:\.\d{1,6})?)$/,
  salary: /^s:(-1|\d{1,16})$/,
};

/** The position a cursor names, or null when it was issued for another order (or forged). */
export function positionOf(cursor: Cursor, order: ListingOrder): ListingPosition | null {
  if (typeof cursor.key !== 'string' || !isUuid(cursor.id)) return null;
  const value = patterns[order].exec(cursor.key)?.[1];
  return value === undefined ? null : { order, value, id: cursor.id.toLowerCase() };
}

/** Rows after `position` under `newest` (the time being `at`), descending. */
export function afterNewest(position: ListingPosition, at: RawBuilder<Date> = listedAt): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${at}, id) < (${position.value}::timestamptz, ${position.id}::uuid)`;
}

/** Rows after `position` under `relevance`, descending; `rank` is the column the search computes. */
export function afterRank(position: ListingPosition): RawBuilder<SqlBool> {
  return sql<SqlBool>`(rank, id) < (${position.value}::numeric, ${position.id}::uuid)`;
}

/** Rows after `position` under `salary`, descending. */
export function afterSalary(position: ListingPosition): RawBuilder<SqlBool> {
  return sql<SqlBool>`(coalesce(salary_yearly_top_cents, -1), id) < (${position.value}::bigint, ${position.id}::uuid)`;
}
