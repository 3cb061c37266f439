import { sql, type Kysely } from 'kysely';

/**
 * The listing projection keeps catalog's whole snapshot as its last event carried it, so
 * an application can copy the listing as it was when the user applied (PI-05).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('listing_ownership').addColumn('snapshot', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('listing_ownership').dropColumn('snapshot').execute();
}
