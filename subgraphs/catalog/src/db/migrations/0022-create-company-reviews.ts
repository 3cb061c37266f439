import { sql, type Kysely } from 'kysely';

/**
 * Candidates' reviews of companies (CA-25) with moderation (CA-26): one per author and
 * company, shown once approved. The author is kept for the one-per-company rule and for
 * the author's own list; an anonymous review never shows it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('company_reviews')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('company_id', 'uuid', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    // An identity user id; no foreign key across schemas.
    .addColumn('author_id', 'uuid', (c) => c.notNull())
    .addColumn('rating', 'smallint', (c) => c.notNull().check(sql`rating between 1 and 5`))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 150`))
    .addColumn('body', 'text', (c) => c.notNull().check(sql`char_length(body) between 1 and 5000`))
    .addColumn('anonymous', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'approved', 'rejected')`))
    .addColumn('moderated_by', 'uuid')
    .addColumn('moderated_at', 'timestamptz')
    .addColumn('rejection_reason', 'text', (c) => c.check(sql`char_length(rejection_reason) between 1 and 500`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('company_reviews_moderated_has_time', sql`(status = 'pending') = (moderated_at is null)`)
    .addCheckConstraint('company_reviews_reason_only_when_rejected', sql`rejection_reason is null or status = 'rejected'`)
    .execute();
  await db.schema.createIndex('company_reviews_company_author_key').on('company_reviews').columns(['company_id', 'author_id']).unique().execute();
  await db.schema.createIndex('company_reviews_author_idx').on('company_reviews').column('author_id').execute();
  // A company's approved reviews, newest first, and its rating.
  await db.schema
    .createIndex('company_reviews_approved_idx')
    .on('company_reviews')
    .expression(sql`company_id, created_at desc, id desc`)
    .where(sql.ref('status'), '=', 'approved')
    .execute();
  // The moderation queue, per status, oldest first.
  await db.schema.createIndex('company_reviews_queue_idx').on('company_reviews').columns(['status', 'updated_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('company_reviews').execute();
}
