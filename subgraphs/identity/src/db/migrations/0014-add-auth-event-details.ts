import { type Kysely } from 'kysely';

/** The auth log names the coarse network and the sign-in provider (ID-10). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('auth_events').addColumn('ip_coarse', 'text').addColumn('provider', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('auth_events').dropColumn('ip_coarse').dropColumn('provider').execute();
}
