import { sql, type Kysely } from 'kysely';
import type { JobSort } from '../domain/job-search.ts';
import { matchingListings, type SpelledSearch } from './search-job-listings.ts';
import type { Database } from './types.ts';

/** Searches a user keeps; the oldest beyond this go when a new one is added. */
export const keptSearches = 100;
/** The result count of a history entry stops counting here (1000 means "1000 or more"). */
export const countedResults = 1000;

export interface SearchRecord {
  readonly userId: string;
  readonly fingerprint: string;
  readonly search: SpelledSearch;
  readonly sort: JobSort;
  /** The filter as `jobs` takes it, to run the search again. */
  readonly filter: Readonly<Record<string, unknown>>;
}

/**
 * Keeps a signed-in user's search (CA-27) in one statement, unless they turned history off:
 * a search run before is refreshed (time, result count), a new one is added and the user's
 * oldest beyond `keptSearches` are deleted.
 */
export async function recordSearch(db: Kysely<Database>, record: SearchRecord): Promise<void> {
  const counted = matchingListings(db, record.search).select(sql`1`.as('one')).limit(countedResults);
  await sql`
    with saved as (
      insert into search_history (user_id, fingerprint, query, filter, sort, result_count)
      select ${record.userId}::uuid, ${record.fingerprint}, ${record.search.text}, ${JSON.stringify(record.filter)}::jsonb, ${record.sort},
        (select count(*) from (${counted}) as hits)
      where not exists (select 1 from search_preferences where user_id = ${record.userId}::uuid and not history_enabled)
      on conflict (user_id, fingerprint) do update set searched_at = now(), updated_at = now(), result_count = excluded.result_count
      returning (xmax = 0) as inserted
    )
    delete from search_history
    where user_id = ${record.userId}::uuid
      and exists (select 1 from saved where inserted)
      and id in (select id from search_history where user_id = ${record.userId}::uuid order by searched_at desc, id desc offset ${keptSearches - 1})
  `.execute(db);
}
