import type { Kysely } from 'kysely';

/** The listing as pipeline's projection knew it when the user applied; null for a job entered by hand. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('listing_snapshot', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').dropColumn('listing_snapshot').execute();
}
