import { sql, type Kysely } from 'kysely';
import type { Database } from './types.ts';

/** How close a title word must be to a typed word to replace it (pg_trgm similarity). */
export const correctionSimilarity = 0.35;

/**
 * For each typed word of 3 to 40 letters that no title has, the nearest title word (one
 * statement over `search_words`, by its trigram index); words titles have are left alone.
 */
export async function spellingCorrections(db: Kysely<Database>, words: readonly string[]): Promise<Map<string, string>> {
  const unknown = [...new Set(words.map((word) => word.toLowerCase()).filter((word) => word.length >= 3 && word.length <= 40))];
  if (unknown.length === 0) return new Map();
  const { rows } = await sql<{ typed: string; word: string }>`
    select t.typed, best.word
    from unnest(${unknown}::text[]) as t(typed)
    cross join lateral (
      select s.word from search_words s
      where s.word % t.typed and similarity(s.word, t.typed) >= ${correctionSimilarity}
      order by similarity(s.word, t.typed) desc, s.word limit 1
    ) as best
    where not exists (select 1 from search_words known where known.word = t.typed)
  `.execute(db);
  return new Map(rows.map((row) => [row.typed, row.word]));
}
