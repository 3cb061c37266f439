import { sql, type Kysely } from 'kysely';

/**
 * The version of each account's entitlements: raised by one, in the transaction of the
 * change, for every EntitlementsChanged. The row lock orders concurrent changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('entitlement_versions')
    .addColumn('account_kind', 'text', (c) => c.notNull().check(sql`account_kind in ('user', 'company')`))
    .addColumn('account_id', 'uuid', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('entitlement_versions_pkey', ['account_kind', 'account_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('entitlement_versions').execute();
}
