import { type Kysely } from 'kysely';

/**
 * Catalog's company members, as discovery needs them: who may search candidates for a
 * company. A projection fed by catalog's member events.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('company_members')
    // Catalog's company and identity's user; no foreign key crosses schemas.
    .addColumn('company_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    // The time of the event the row reflects: an older event never overwrites a newer one.
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('company_members_pk', ['company_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('company_members').execute();
}
