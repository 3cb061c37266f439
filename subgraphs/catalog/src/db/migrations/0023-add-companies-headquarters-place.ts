import type { Kysely } from 'kysely';

/** A company's headquarters as a normalized place (CA-15), shared with listings; `headquarters` stays the text shown. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('companies').addColumn('headquarters_location_id', 'uuid', (c) => c.references('locations.id').onDelete('set null')).execute();
  await db.schema.createIndex('companies_headquarters_location_idx').on('companies').column('headquarters_location_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('companies').dropColumn('headquarters_location_id').execute();
}
