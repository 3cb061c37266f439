import { sql, type Kysely } from 'kysely';

/** A projection of catalog's company members, fed by its events: who is on which employer's team. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('company_members')
    .addColumn('company_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'admin', 'recruiter', 'member')`))
    // The time of the event the row reflects: an older event never overwrites a newer one.
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('company_members_pkey', ['company_id', 'user_id'])
    .execute();
  await db.schema.createIndex('company_members_user_id_idx').on('company_members').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('company_members').execute();
}
