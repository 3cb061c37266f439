import { type Kysely } from 'kysely';

/** Where a session was opened from, coarsely (a /24 or /48 network), for "my sessions" (ID-05). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('ip_coarse', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('ip_coarse').execute();
}
