import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // identity's user id and catalog's listing id: plain uuids, no foreign key across schemas.
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('job_listing_id', 'uuid')
    .addColumn('manual_title', 'text', (c) => c.check(sql`char_length(manual_title) between 1 and 200`))
    .addColumn('manual_company_name', 'text', (c) => c.check(sql`char_length(manual_company_name) between 1 and 200`))
    .addColumn('manual_url', 'text', (c) => c.check(sql`char_length(manual_url) between 1 and 2048`))
    .addColumn('manual_location', 'text', (c) => c.check(sql`char_length(manual_location) between 1 and 200`))
    .addColumn('stage_id', 'uuid', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.check(sql`char_length(notes) <= 10000`))
    .addColumn('applied_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('deleted_at', 'timestamptz')
    .addCheckConstraint('applications_listing_or_manual', sql`(job_listing_id is null) <> (manual_title is null)`)
    .addCheckConstraint(
      'applications_manual_fields_only_when_manual',
      sql`job_listing_id is null or (manual_company_name is null and manual_url is null and manual_location is null)`,
    )
    .addForeignKeyConstraint('applications_stage_of_owner_fkey', ['stage_id', 'user_id'], 'application_stages', ['id', 'user_id'])
    .execute();
  // One live application per user and listing; a deleted one frees the listing.
  await db.schema
    .createIndex('applications_user_listing_live_key')
    .on('applications')
    .columns(['user_id', 'job_listing_id'])
    .unique()
    .where(sql.ref('job_listing_id'), 'is not', null)
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
  // The user's list, newest first, keyset-paginated.
  await db.schema
    .createIndex('applications_user_created_idx')
    .on('applications')
    .columns(['user_id', 'created_at desc', 'id desc'])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
  await db.schema.createIndex('applications_stage_id_idx').on('applications').column('stage_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('applications').execute();
}
