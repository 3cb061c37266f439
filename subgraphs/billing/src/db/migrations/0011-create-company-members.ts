import { sql, type Kysely } from 'kysely';

/**
 * Catalog's company members as billing needs them (who may manage a company's plan, how
 * many seats are taken), kept from CompanyMemberAdded/Removed. A projection: catalog owns it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('company_members')
    .addColumn('company_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'admin', 'recruiter', 'member')`))
    // The time of the event the row reflects: an older event never overwrites a newer one.
    .addColumn('event_time', 'timestamptz', (c) => c.notNull())
    .addColumn('removed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('company_members_pkey', ['company_id', 'user_id'])
    .execute();
  await db.schema.createIndex('company_members_user_idx').on('company_members').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('company_members').execute();
}
