import { sql, type Kysely } from 'kysely';
import { compiledOnce } from './compiled-once.ts';
import { applicationColumns } from './application-columns.ts';
import type { Application, Database, DbStageKind } from './types.ts';

/** Where the last page ended: the exact creation time (microseconds, UTC) and id of its last row. */
export interface ApplicationPosition {
  readonly createdAt: string;
  readonly id: string;
}

export interface ApplicationFilterValues {
  /** Null means every stage. */
  readonly stageIds: readonly string[] | null;
  /** Null means every kind. */
  readonly stageKinds: readonly DbStageKind[] | null;
  /** Full-text query (websearch syntax); null means no search. */
  readonly search: string | null;
  /** The trash (deleted in the last 30 days) instead of the live list. */
  readonly deleted: boolean;
}

export interface ApplicationPageQuery {
  /** Rows per user; one more is fetched to tell whether a next page exists. */
  readonly limit: number;
  readonly after: ApplicationPosition | null;
  readonly filter: ApplicationFilterValues;
}

export type ApplicationPageRow = Application & {
  /** `created_at` to the microsecond, which a JS `Date` cannot hold: the cursor's key. */
  readonly cursor_key: string;
};

/** `created_at` as ISO 8601 text with microseconds, in UTC: exact, and parsed back by `::timestamptz`. */
const createdAtKey = sql<string>`to_char(applications.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The same page of many users' application lists in one statement: each user's live
 * applications, newest first (`created_at desc, id desc`), numbered per user by
 * `row_number()`, cut at `limit + 1`. Rows come back grouped by user in list order.
 *
 * ```sql
 * select * from (
 *   select <applicationColumns>, to_char(…) as cursor_key,
 *          row_number() over (partition by applications.user_id order by applications.created_at desc, applications.id desc) as rank
 *   from applications
 *   where applications.user_id in ($1, $2) and applications.deleted_at is null
 *     and (applications.created_at, applications.id) < ($3::timestamptz, $4::uuid)
 * ) as ranked
 * where rank <= $5
 * order by user_id, rank
 * ```
 */
export async function selectApplicationPages(db: Kysely<Database>, userIds: readonly string[], query: ApplicationPageQuery): Promise<ApplicationPageRow[]> {
  if (userIds.length === 0) return [];
  const { after, filter } = query;
  const shape: ApplicationPageShape = { users: userIds.length, deleted: filter.deleted, search: filter.search !== null, after: after !== null, stageIds: filter.stageIds?.length ?? null, stageKinds: filter.stageKinds?.length ?? null };
  const values = [query.limit + 1, filter.search, after?.createdAt ?? null, after?.id ?? null, ...userIds, ...(filter.stageIds ?? []), ...(filter.stageKinds ?? [])];
  // One user (a viewer's own list, the common case): a plain ordered limit, which the planner
  // always reads from `applications_user_created_idx` however many applications the user has
  // (the window form sorted all 10,000 of a crowded user's rows: 15 ms against 0.5).
  if (userIds.length === 1) return oneUserPage(db, shape, values);
  const rows = await manyUsersPages(db, shape, values);
  return rows.map(({ rank: _rank, ...row }) => row);
}

/** What decides the statement's text: how many users, stages and kinds, which filters. */
interface ApplicationPageShape {
  readonly users: number;
  readonly deleted: boolean;
  readonly search: boolean;
  readonly after: boolean;
  readonly stageIds: number | null;
  readonly stageKinds: number | null;
}

/**
 * The live (or trashed) applications of the users, filtered, unordered. Values: rows per
 * user (`limit + 1`, unused here), the search, the position after which the page starts
 * (created at, id), then the user ids, the stage ids and the stage kinds; unused ones are null.
 */
function filteredApplications(db: Kysely<Database>, [, search, afterCreatedAt, afterId, ...lists]: readonly never[], shape: ApplicationPageShape) {
  const userIds = lists.slice(0, shape.users);
  const stageIds = lists.slice(shape.users, shape.users + (shape.stageIds ?? 0));
  const stageKinds = lists.slice(shape.users + (shape.stageIds ?? 0));
  return db
    .selectFrom('applications')
    .select(applicationColumns)
    .select(createdAtKey.as('cursor_key'))
    .where('applications.user_id', 'in', userIds)
    .$if(!shape.deleted, (qb) => qb.where('applications.deleted_at', 'is', null))
    .$if(shape.deleted, (qb) => qb.where('applications.deleted_at', '>', sql<Date>`now() - interval '30 days'`))
    .$if(shape.search, (qb) => qb.where(sql<boolean>`applications.search_document @@ websearch_to_tsquery('simple', ${search})`))
    .$if(shape.after, (qb) => qb.where(sql<boolean>`(applications.created_at, applications.id) < (${afterCreatedAt}::timestamptz, ${afterId}::uuid)`))
    .$if(shape.stageIds !== null, (qb) => qb.where('applications.stage_id', 'in', stageIds))
    .$if(shape.stageKinds !== null, (qb) =>
      qb.where('applications.stage_id', 'in', (eb) =>
        eb.selectFrom('application_stages').select('application_stages.id').where('application_stages.user_id', 'in', userIds).where('application_stages.kind', 'in', stageKinds),
      ),
    );
}

const oneUserPage = compiledOnce((db, values, shape: ApplicationPageShape) =>
  filteredApplications(db, values, shape).orderBy('applications.created_at', 'desc').orderBy('applications.id', 'desc').limit(values[0]!),
);

const manyUsersPages = compiledOnce((db, values, shape: ApplicationPageShape) => {
  const ranked = filteredApplications(db, values, shape).select((eb) =>
    eb.fn
      .agg<number>('row_number')
      .over((ob) => ob.partitionBy('applications.user_id').orderBy('applications.created_at', 'desc').orderBy('applications.id', 'desc'))
      .as('rank'),
  );
  return db.selectFrom(ranked.as('ranked')).selectAll().where('rank', '<=', values[0]!).orderBy('user_id').orderBy('rank');
});

/** One page of the applications to many listings; like `ApplicationPageQuery`, without a filter. */
export interface ListingApplicationPageQuery {
  readonly limit: number;
  readonly after: ApplicationPosition | null;
}

/**
 * The same page of many listings' applications in one statement, newest first
 * (`created_at desc, id desc`), numbered per listing and cut at `limit + 1`, rows grouped
 * by listing in list order. Whether the caller may see them is the resolver's to decide
 * first (domain/access.ts).
 */
export async function selectListingApplicationPages(db: Kysely<Database>, listingIds: readonly string[], query: ListingApplicationPageQuery): Promise<ApplicationPageRow[]> {
  if (listingIds.length === 0) return [];
  const { after } = query;
  const ranked = db
    .selectFrom('applications')
    .select(applicationColumns)
    .select((eb) => [
      createdAtKey.as('cursor_key'),
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.partitionBy('applications.job_listing_id').orderBy('applications.created_at', 'desc').orderBy('applications.id', 'desc'))
        .as('rank'),
    ])
    .where('applications.job_listing_id', 'in', listingIds)
    .where('applications.deleted_at', 'is', null)
    .$if(after !== null, (qb) => qb.where(sql<boolean>`(applications.created_at, applications.id) < (${after?.createdAt}::timestamptz, ${after?.id}::uuid)`));
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .selectAll()
    .where('rank', '<=', query.limit + 1)
    .orderBy('job_listing_id')
    .orderBy('rank')
    .execute();
  return rows.map(({ rank: _rank, ...row }) => row);
}
