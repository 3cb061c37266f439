import { sql, type Kysely } from 'kysely';
import type { Database } from './types.ts';
import type { ApplicationPageRow } from './application-pages.ts';

/** Live applications per stage of one user: one grouped statement, whatever the board's size. */
export async function selectStageCounts(db: Kysely<Database>, userIds: readonly string[]): Promise<{ user_id: string; stage_id: string; count: number }[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('applications')
    .select(['user_id', 'stage_id', sql<number>`count(*)::int`.as('count')])
    .where('user_id', 'in', userIds)
    .where('deleted_at', 'is', null)
    .groupBy(['user_id', 'stage_id'])
    .execute();
}

const createdAtKey = sql<string>`to_char(applications.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The newest `perStage + 1` live applications of every stage of the given users, in one
 * statement: a lateral join reads each stage's column from its index (newest first), so a
 * board of 10,000 applications costs what a board of 100 does.
 */
export async function selectBoardRows(db: Kysely<Database>, userIds: readonly string[], perStage: number): Promise<ApplicationPageRow[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('application_stages as s')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('applications')
          .selectAll('applications')
          .select(createdAtKey.as('cursor_key'))
          .whereRef('applications.stage_id', '=', 's.id')
          .where('applications.deleted_at', 'is', null)
          .orderBy('applications.created_at', 'desc')
          .orderBy('applications.id', 'desc')
          .limit(perStage + 1)
          .as('a'),
      (join) => join.onTrue(),
    )
    .selectAll('a')
    .where('s.user_id', 'in', userIds)
    .orderBy('a.stage_id')
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
}
