import type { Kysely } from 'kysely';

/** Who brought a member in through an invitation; null for founders and for erased inviters. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('company_members').addColumn('invited_by', 'uuid').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('company_members').dropColumn('invited_by').execute();
}
