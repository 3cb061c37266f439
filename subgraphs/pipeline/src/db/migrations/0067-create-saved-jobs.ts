import { sql, type Kysely } from 'kysely';

/** Listings the user saved for later (PI-23), each once, with a priority and a note. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('saved_jobs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    // catalog's listing id, checked against the listing projection when saved.
    .addColumn('job_listing_id', 'uuid', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('medium').check(sql`priority in ('low', 'medium', 'high')`))
    .addColumn('note', 'text', (c) => c.check(sql`char_length(note) <= 2000`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('saved_jobs_user_listing_key', ['user_id', 'job_listing_id'])
    .execute();
  await db.schema.createIndex('saved_jobs_user_created_idx').on('saved_jobs').columns(['user_id', 'created_at desc', 'id desc']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('saved_jobs').execute();
}
