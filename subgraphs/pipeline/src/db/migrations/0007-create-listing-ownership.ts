import { sql, type Kysely } from 'kysely';

/**
 * A projection of catalog's job listings, fed by its events: which company owns a
 * listing, so a member of that company can see the applications to it. Catalog's
 * listing id is the key; no foreign key across schemas.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('listing_ownership')
    .addColumn('job_listing_id', 'uuid', (c) => c.primaryKey())
    .addColumn('company_id', 'uuid', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'open', 'closed', 'expired')`))
    // The time of the event the row reflects: an older event never overwrites a newer one.
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('listing_ownership_company_id_idx').on('listing_ownership').column('company_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('listing_ownership').execute();
}
