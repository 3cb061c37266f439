import { sql, type Kysely } from 'kysely';

/**
 * Resume versions (AS-09, AS-10): one base version per user and versions tailored to a
 * catalog listing, each with its sections (JSON, one schema), its ATS keyword coverage of
 * the listing, its structured diff from the base, a deterministic analysis, and the
 * rendered PDF in the blob store.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('resume_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('is_base', 'boolean', (c) => c.notNull().defaultTo(false))
    // Catalog's listing id; no foreign key crosses schemas.
    .addColumn('listing_id', 'uuid')
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 200`))
    .addColumn('sections', 'jsonb', (c) => c.notNull())
    .addColumn('ats_score', 'integer', (c) => c.check(sql`ats_score between 0 and 100`))
    .addColumn('keywords', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('missing_keywords', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('diff_from_base', 'jsonb')
    .addColumn('analysis', 'jsonb', (c) => c.notNull())
    .addColumn('pdf_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('resume_versions_base_or_tailored', sql`not (is_base and listing_id is not null)`)
    .execute();
  await db.schema.createIndex('resume_versions_one_base_idx').on('resume_versions').column('user_id').unique().where(sql.ref('is_base'), '=', true).execute();
  await db.schema.createIndex('resume_versions_user_idx').on('resume_versions').columns(['user_id', 'created_at desc', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('resume_versions').execute();
}
