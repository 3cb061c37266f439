import type { Kysely } from 'kysely';

/**
 * `created_by` becomes optional: when identity erases a user, catalog forgets who created
 * a company or a listing (null), while the company and its listings stay.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('companies').alterColumn('created_by', (c) => c.dropNotNull()).execute();
  await db.schema.alterTable('job_listings').alterColumn('created_by', (c) => c.dropNotNull()).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('job_listings').alterColumn('created_by', (c) => c.setNotNull()).execute();
  await db.schema.alterTable('companies').alterColumn('created_by', (c) => c.setNotNull()).execute();
}
