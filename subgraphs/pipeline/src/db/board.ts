import { sql, type Kysely } from 'kysely';
import { compiledOnce } from './compiled-once.ts';
import { applicationColumns } from './application-columns.ts';
import type { Database } from './types.ts';
import type { ApplicationPageRow } from './application-pages.ts';

/** A board row: one of a column's newest applications, with the number of live applications in its stage. */
export type BoardRow = ApplicationPageRow & { readonly stage_count: number };

const createdAtKey = sql<string>`to_char(applications.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The newest `perStage + 1` live applications of every stage of the given users, each
 * with its stage's count of live applications, in one statement: per stage, one lateral
 * count and one lateral page, both read from `applications_stage_created_idx` (the count
 * from the index alone), so a board of 10,000 applications costs little more than one of
 * 100. A stage without live applications has no row: its count is 0.
 *
 * ```sql
 * select a.*, n.stage_count from application_stages s
 * cross join lateral (select count(*)::int as stage_count from applications c where c.stage_id = s.id and c.deleted_at is null) n
 * cross join lateral (select <applicationColumns>, to_char(…) as cursor_key from applications
 *                     where stage_id = s.id and deleted_at is null order by created_at desc, id desc limit $2) a
 * where s.user_id in ($1) order by a.stage_id, a.created_at desc, a.id desc
 * ```
 */
export async function selectBoardRows(db: Kysely<Database>, userIds: readonly string[], perStage: number): Promise<BoardRow[]> {
  if (userIds.length === 0) return [];
  return boardRows(db, null, [perStage + 1, ...userIds]);
}

/** Values: rows per stage (`perStage + 1`), then the user ids. */
const boardRows = compiledOnce((db, [limit, ...userIds]) =>
  db
    .selectFrom('application_stages as s')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('applications as c')
          .select(sql<number>`count(*)::int`.as('stage_count'))
          .whereRef('c.stage_id', '=', 's.id')
          .where('c.deleted_at', 'is', null)
          .as('n'),
      (join) => join.onTrue(),
    )
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('applications')
          .select(applicationColumns)
          .select(createdAtKey.as('cursor_key'))
          .whereRef('applications.stage_id', '=', 's.id')
          .where('applications.deleted_at', 'is', null)
          .orderBy('applications.created_at', 'desc')
          .orderBy('applications.id', 'desc')
          .limit(limit!)
          .as('a'),
      (join) => join.onTrue(),
    )
    .selectAll('a')
    .select('n.stage_count')
    .where('s.user_id', 'in', userIds)
    .orderBy('a.stage_id')
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc'),
);
