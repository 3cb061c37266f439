import { sql, type Kysely } from 'kysely';

/**
 * A user's document library (AS-07, AS-08): resumes, cover letters, certificates, other
 * files. The bytes live in the blob store under `storage_key`; a row is `pending` until
 * its upload is checked (size, sniffed type, virus scan), then `ready` or `rejected`.
 * One primary resume per user.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('resume', 'cover_letter', 'certificate', 'other')`))
    .addColumn('file_name', 'text', (c) => c.notNull().check(sql`char_length(file_name) between 1 and 200`))
    .addColumn('size_bytes', 'integer', (c) => c.notNull().check(sql`size_bytes > 0`))
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'ready', 'rejected')`))
    .addColumn('mime_type', 'text')
    .addColumn('rejection_code', 'text')
    .addColumn('is_primary', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('documents_primary_is_ready_resume', sql`not is_primary or (kind = 'resume' and status = 'ready')`)
    .addCheckConstraint('documents_rejection', sql`(status = 'rejected') = (rejection_code is not null)`)
    .execute();
  await db.schema.createIndex('documents_user_idx').on('documents').columns(['user_id', 'created_at desc', 'id']).execute();
  await db.schema.createIndex('documents_one_primary_idx').on('documents').column('user_id').unique().where(sql.ref('is_primary'), '=', true).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('documents').execute();
}
