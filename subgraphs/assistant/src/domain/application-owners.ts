import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.ts';

/**
 * Pipeline's applications, as far as the assistant links to them: created (whose it is),
 * moved to the trash or back, purged. Each handler runs in the consumer's transaction.
 */
export async function projectApplicationCreated(trx: Kysely<Database>, applicationId: string, userId: string): Promise<void> {
  await trx.insertInto('application_owners').values({ application_id: applicationId, user_id: userId.toLowerCase() }).onConflict((oc) => oc.column('application_id').doNothing()).execute();
}

export async function projectApplicationTrashed(trx: Kysely<Database>, applicationId: string, at: Date | null): Promise<void> {
  await trx.updateTable('application_owners').set({ deleted_at: at, updated_at: sql<Date>`now()` }).where('application_id', '=', applicationId).execute();
}

/** A purged application is gone for good (job descriptions are unlinked by `unlinkApplication`). */
export async function projectApplicationPurged(trx: Kysely<Database>, applicationId: string): Promise<void> {
  await trx.deleteFrom('application_owners').where('application_id', '=', applicationId).execute();
}

/** Whether the user owns this live (not trashed) application, as far as pipeline's events have told. */
export async function ownsApplication(db: Kysely<Database>, userId: string, applicationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('application_owners')
    .select('application_id')
    .where('application_id', '=', applicationId.toLowerCase())
    .where('user_id', '=', userId.toLowerCase())
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}
