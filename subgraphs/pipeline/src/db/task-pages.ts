import { sql, type Kysely } from 'kysely';
import { compiledOnce } from './compiled-once.ts';
import { joinedApplicationColumns, splitJoinedApplication } from './application-columns.ts';
import type { Application, Database, Task } from './types.ts';

/** Where the last page ended: the due time of its last row (microseconds, UTC, or `infinity` when undated) and its id. */
export interface TaskPosition {
  readonly dueKey: string;
  readonly id: string;
}

export interface TaskPageQuery {
  /** Rows per user; one more is fetched to tell whether a next page exists. */
  readonly limit: number;
  readonly after: TaskPosition | null;
  readonly includeCompleted: boolean;
}

export type TaskPageRow = Task & {
  /** The sort key as exact text: the cursor's key. */
  readonly cursor_key: string;
  /** The task's application if it is live (not in the trash), read with the page. */
  readonly live_application: Application | null;
};

/** A task's place in the list: its due time, undated tasks last. Matches the expression of `tasks_user_due_idx`. */
const dueOrder = sql<Date>`coalesce(tasks.due_at, 'infinity'::timestamptz)`;
const dueKey = sql<string>`case when tasks.due_at is null then 'infinity' else to_char(tasks.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') end`;

/**
 * The same page of many users' task lists in one statement: soonest due first, undated
 * last, ties by id; open tasks only unless `includeCompleted`. Numbered per user by
 * `row_number()`, cut at `limit + 1`, rows grouped by user in list order. A due time
 * never changes, so a page never shifts while a client pages through.
 */
export async function selectTaskPages(db: Kysely<Database>, userIds: readonly string[], query: TaskPageQuery): Promise<TaskPageRow[]> {
  if (userIds.length === 0) return [];
  const { after } = query;
  const rows = await taskPages(db, { includeCompleted: query.includeCompleted, after: after !== null }, [query.limit + 1, after?.dueKey ?? null, after?.id ?? null, ...userIds]);
  return rows.map(({ rank: _rank, ...row }) => splitJoinedApplication(row) as TaskPageRow);
}

/** Values: rows per user (`limit + 1`), the position after which the page starts (due key, id; unused without one), then the user ids. */
const taskPages = compiledOnce((db, [limit, afterKey, afterId, ...userIds], shape: { includeCompleted: boolean; after: boolean }) => {
  const ranked = db
    .selectFrom('tasks')
    // The task's live application rides along, so `Task.application` costs no statement of its own.
    .leftJoin('applications as task_application', (join) =>
      join.onRef('task_application.id', '=', 'tasks.application_id').onRef('task_application.user_id', '=', 'tasks.user_id').on('task_application.deleted_at', 'is', null),
    )
    .selectAll('tasks')
    .select(joinedApplicationColumns('task_application'))
    .select((eb) => [
      dueKey.as('cursor_key'),
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.partitionBy('tasks.user_id').orderBy(dueOrder).orderBy('tasks.id'))
        .as('rank'),
    ])
    .where('tasks.user_id', 'in', userIds)
    .$if(!shape.includeCompleted, (qb) => qb.where('tasks.completed_at', 'is', null))
    .$if(shape.after, (qb) => qb.where(sql<boolean>`(${dueOrder}, tasks.id) > (${afterKey}::timestamptz, ${afterId}::uuid)`));
  return db.selectFrom(ranked.as('ranked')).selectAll().where('rank', '<=', limit!).orderBy('user_id').orderBy('rank');
});
