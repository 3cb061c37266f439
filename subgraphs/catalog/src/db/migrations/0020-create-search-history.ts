import { sql, type Kysely } from 'kysely';

/**
 * A signed-in user's searches (CA-27): one row per distinct search (words, filters, sort),
 * refreshed when run again, newest first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_history')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // An identity user id; no foreign key across schemas.
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    // Hash of the normalized search: the same search run again refreshes its row.
    .addColumn('fingerprint', 'text', (c) => c.notNull().check(sql`char_length(fingerprint) between 1 and 64`))
    .addColumn('query', 'text', (c) => c.check(sql`char_length(query) between 1 and 200`))
    .addColumn('filter', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`).check(sql`jsonb_typeof(filter) = 'object'`))
    .addColumn('sort', 'text', (c) => c.notNull().check(sql`sort in ('relevance', 'recency', 'salary')`))
    .addColumn('result_count', 'integer', (c) => c.notNull().check(sql`result_count >= 0`))
    .addColumn('searched_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('search_history_user_fingerprint_key').on('search_history').columns(['user_id', 'fingerprint']).unique().execute();
  // The user's list, newest first, keyset (searched_at, id).
  await db.schema.createIndex('search_history_user_recent_idx').on('search_history').expression(sql`user_id, searched_at desc, id desc`).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('search_history').execute();
}
