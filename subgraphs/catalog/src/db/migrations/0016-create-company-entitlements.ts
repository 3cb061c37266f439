import { sql, type Kysely } from 'kysely';

/**
 * Catalog's projection of billing's EntitlementsChanged for employer companies: the newest
 * `version` wins. `active_listings` null is unlimited; a company without a row has the
 * Free employer allowance (see the catalog README).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('company_entitlements')
    // A company id from billing's account; no foreign key: billing may speak before the company exists here.
    .addColumn('company_id', 'uuid', (c) => c.primaryKey())
    .addColumn('plan_code', 'text', (c) => c.notNull().check(sql`char_length(plan_code) between 1 and 100`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'trialing', 'past_due', 'canceled')`))
    .addColumn('active_listings', 'integer', (c) => c.check(sql`active_listings >= 0`))
    .addColumn('version', 'bigint', (c) => c.notNull().check(sql`version >= 0`))
    .addColumn('effective_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('company_entitlements').execute();
}
