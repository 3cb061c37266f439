import { sql, type Kysely } from 'kysely';

/**
 * Billing's projection of catalog's job listings (JobListingDrafted/Posted/Updated/Closed):
 * which company a listing belongs to and whether it is open, so a featured listing is sold
 * only for an open listing of the company that pays.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('company_listings')
    .addColumn('listing_id', 'uuid', (c) => c.primaryKey())
    .addColumn('company_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'open', 'closed', 'expired')`))
    .addColumn('event_time', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('company_listings').execute();
}
