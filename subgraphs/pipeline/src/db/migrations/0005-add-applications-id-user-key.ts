import type { Kysely } from 'kysely';

/** Lets tasks reference (application, owner) together, so a task can never hang off someone else's application. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').addUniqueConstraint('applications_id_user_key', ['id', 'user_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').dropConstraint('applications_id_user_key').execute();
}
