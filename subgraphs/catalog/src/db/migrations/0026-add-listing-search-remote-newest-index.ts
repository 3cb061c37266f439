import { sql, type Kysely } from 'kysely';

/**
 * Open listings of one remote type, newest first: a search for "python, remote only" walks
 * the remote listings until it has its newest matches (6,500 buffers at 100,000 listings)
 * instead of every listing (19,500), and a remote-only list of the newest is read in order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('listing_search_remote_newest_idx').on('listing_search').expression(sql`remote_type, listed_at desc, id desc`).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('listing_search_remote_newest_idx').execute();
}
