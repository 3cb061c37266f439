import type { Kysely } from 'kysely';

/** A projection of catalog's companies (fed by CompanyCreated): the name a listing snapshot shows. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('company_names')
    .addColumn('company_id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // The time of the event the row reflects: an older event never overwrites a newer one.
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('company_names').execute();
}
