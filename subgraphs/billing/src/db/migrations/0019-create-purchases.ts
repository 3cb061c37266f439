import { sql, type Kysely } from 'kysely';

/**
 * What employers bought besides a plan, one row per paid payment: job posts (extra open
 * listings until `ends_at`) and featured listings (a listing featured until `ends_at`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('purchases')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('payment_id', 'uuid', (c) => c.notNull().unique().references('payments.id'))
    // Catalog's company id; no foreign key crosses schemas.
    .addColumn('company_id', 'uuid', (c) => c.notNull())
    // Identity's user id of who bought it.
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('job_post', 'featured_listing')`))
    // Catalog's listing id, for a featured listing.
    .addColumn('job_listing_id', 'uuid')
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity between 1 and 100`))
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('currency', sql`char(3)`, (c) => c.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    // When the expiry job announced the end of a job-post purchase (EntitlementsChanged).
    .addColumn('lapsed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('purchases_period_order', sql`ends_at > starts_at`)
    .addCheckConstraint('purchases_featured_has_listing', sql`(kind = 'featured_listing') = (job_listing_id is not null)`)
    .execute();
  await db.schema.createIndex('purchases_company_kind_idx').on('purchases').columns(['company_id', 'kind', 'ends_at']).execute();
  await sql`create index purchases_listing_idx on purchases (job_listing_id, ends_at) where job_listing_id is not null`.execute(db);
  await sql`create index purchases_unlapsed_job_posts_idx on purchases (ends_at) where kind = 'job_post' and lapsed_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('purchases').execute();
}
