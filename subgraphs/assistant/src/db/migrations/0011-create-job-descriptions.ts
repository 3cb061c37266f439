import { sql, type Kysely } from 'kysely';

/**
 * Job descriptions a user pasted (AS-11): the text as given, its content hash (of the
 * normalized text: one row per user and text), the requirements and skills read from it,
 * and optionally the pipeline application it belongs to (an id only).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_descriptions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    // Pipeline's application id; no foreign key crosses schemas.
    .addColumn('application_id', 'uuid')
    .addColumn('job_title', 'text', (c) => c.check(sql`char_length(job_title) between 1 and 200`))
    .addColumn('company_name', 'text', (c) => c.check(sql`char_length(company_name) between 1 and 200`))
    .addColumn('raw_text', 'text', (c) => c.notNull().check(sql`char_length(raw_text) between 1 and 50000`))
    .addColumn('content_hash', 'text', (c) => c.notNull().check(sql`content_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn('requirements', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('skills', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('job_descriptions_user_hash_idx').on('job_descriptions').columns(['user_id', 'content_hash']).unique().execute();
  await db.schema.createIndex('job_descriptions_user_idx').on('job_descriptions').columns(['user_id', 'created_at desc', 'id']).execute();
  await db.schema.createIndex('job_descriptions_application_idx').on('job_descriptions').column('application_id').where(sql.ref('application_id'), 'is not', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_descriptions').execute();
}
