import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { skillVocabulary, type SkillVocabulary } from './cv-skills.ts';

/**
 * Moves the vocabulary's counts from a listing's previous tags to its new ones: a tag
 * gained counts one more listing, a tag lost one fewer, and a tag no listing carries any
 * more leaves the vocabulary. Runs in the transaction that projects the listing.
 */
export async function countListingTags(trx: Kysely<Database>, before: readonly string[], after: readonly string[]): Promise<void> {
  const old = new Set(before);
  const now = new Set(after);
  const gained = [...now].filter((tag) => !old.has(tag) && tag.length > 0 && tag.length <= 100);
  const lost = [...old].filter((tag) => !now.has(tag));
  if (gained.length > 0) {
    await trx
      .insertInto('skill_vocabulary')
      .values(gained.map((tag) => ({ tag, listing_count: 1 })))
      .onConflict((oc) => oc.column('tag').doUpdateSet({ listing_count: sql<number>`skill_vocabulary.listing_count + 1`, updated_at: sql<Date>`now()` }))
      .execute();
  }
  if (lost.length > 0) {
    await trx.deleteFrom('skill_vocabulary').where('tag', 'in', lost).where('listing_count', '<=', 1).execute();
    await trx.updateTable('skill_vocabulary').set({ listing_count: sql<number>`listing_count - 1`, updated_at: sql<Date>`now()` }).where('tag', 'in', lost).execute();
  }
}

/** The whole vocabulary, for parsing a CV. */
export async function loadSkillVocabulary(db: Kysely<Database>): Promise<SkillVocabulary> {
  const rows = await db.selectFrom('skill_vocabulary').select('tag').orderBy('listing_count', 'desc').orderBy('tag').execute();
  return skillVocabulary(rows.map((row) => row.tag));
}
