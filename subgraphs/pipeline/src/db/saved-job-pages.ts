import { sql, type Kysely } from 'kysely';
import type { Database, SavedJob } from './types.ts';

export interface SavedJobPageQuery {
  readonly limit: number;
  readonly after: { readonly createdKey: string; readonly id: string } | null;
}

export type SavedJobPageRow = SavedJob & { readonly cursor_key: string };

const createdKey = sql<string>`to_char(saved_jobs.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The same page of many users' saved listings in one statement, newest first (ties by id), cut at `limit + 1` per user. */
export async function selectSavedJobPages(db: Kysely<Database>, userIds: readonly string[], query: SavedJobPageQuery): Promise<SavedJobPageRow[]> {
  if (userIds.length === 0) return [];
  const { after } = query;
  const ranked = db
    .selectFrom('saved_jobs')
    .selectAll('saved_jobs')
    .select((eb) => [
      createdKey.as('cursor_key'),
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.partitionBy('saved_jobs.user_id').orderBy('saved_jobs.created_at', 'desc').orderBy('saved_jobs.id', 'desc'))
        .as('rank'),
    ])
    .where('saved_jobs.user_id', 'in', userIds)
    .$if(after !== null, (qb) => qb.where(sql<boolean>`(saved_jobs.created_at, saved_jobs.id) < (${after?.createdKey}::timestamptz, ${after?.id}::uuid)`));
  const rows = await db.selectFrom(ranked.as('ranked')).selectAll().where('rank', '<=', query.limit + 1).orderBy('user_id').orderBy('rank').execute();
  return rows.map(({ rank: _rank, ...row }) => row);
}
