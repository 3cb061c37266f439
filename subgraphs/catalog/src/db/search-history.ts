import { sql, type Kysely } from 'kysely';
import type { Database, SearchHistoryEntry } from './types.ts';

export type ListedSearch = SearchHistoryEntry & { readonly sort_key: string };

/** Where the previous page ended: `searched_at` to the microsecond (as text) and the id. */
export interface SearchHistoryPosition {
  readonly searchedAt: string;
  readonly id: string;
}

/** A page of a user's searches, last run first, `limit + 1` rows. */
export function searchHistoryPage(db: Kysely<Database>, userId: string, limit: number, after: SearchHistoryPosition | null): Promise<ListedSearch[]> {
  return db
    .selectFrom('search_history')
    .selectAll()
    .select(sql<string>`to_char(searched_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('sort_key'))
    .where('user_id', '=', userId)
    .$call((q) => (after ? q.where(sql<boolean>`(searched_at, id) < (${after.searchedAt}::timestamptz, ${after.id}::uuid)`) : q))
    .orderBy('searched_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** Deletes a user's whole history; how many entries went. */
export async function clearSearchHistory(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db.deleteFrom('search_history').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Whether the user's searches are kept: yes unless they said no. */
export async function searchHistoryEnabled(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await db.selectFrom('search_preferences').select('history_enabled').where('user_id', '=', userId).executeTakeFirst();
  return row?.history_enabled ?? true;
}

export async function setSearchHistoryEnabled(db: Kysely<Database>, userId: string, enabled: boolean): Promise<void> {
  await db
    .insertInto('search_preferences')
    .values({ user_id: userId, history_enabled: enabled })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ history_enabled: enabled, updated_at: sql`now()` }))
    .execute();
}
