import { sql, type Kysely } from 'kysely';

/** A stage kind for jobs the user has not applied to yet (PI-07). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('application_stages').dropConstraint('application_stages_kind_check').execute();
  await db.schema
    .alterTable('application_stages')
    .addCheckConstraint('application_stages_kind_check', sql`kind in ('wishlist', 'applied', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn')`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('application_stages').dropConstraint('application_stages_kind_check').execute();
  await db.schema
    .alterTable('application_stages')
    .addCheckConstraint('application_stages_kind_check', sql`kind in ('applied', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn')`)
    .execute();
}
