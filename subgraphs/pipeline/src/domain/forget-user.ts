import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.ts';
import { forgetInboundEmail } from './email/forget-inbound-email.ts';

/**
 * Deletes everything pipeline holds about a user who asked to be forgotten (UserErased),
 * in the caller's transaction: their tasks, their applications (timelines go with them),
 * their stages, their place in any company team (projection), and the events about them
 * still in the outbox. Published events already left with Kafka, which carries ids only.
 * Their id is also cleared from timeline entries they made on applications of others.
 * Idempotent: a second run finds nothing to delete.
 */
export async function forgetUser(trx: Kysely<Database>, userId: string): Promise<void> {
  const id = userId.toLowerCase();
  // Email ingestion (issue 9): received mail, trusted senders, forwarding address.
  await forgetInboundEmail(trx, id);
  await trx.deleteFrom('calendar_feeds').where('user_id', '=', id).execute();
  await trx.deleteFrom('saved_jobs').where('user_id', '=', id).execute();
  await trx.deleteFrom('comparisons').where('user_id', '=', id).execute();
  await trx.deleteFrom('pipeline_stat_snapshots').where('user_id', '=', id).execute();
  await trx.deleteFrom('tasks').where('user_id', '=', id).execute();
  await trx.deleteFrom('applications').where('user_id', '=', id).execute();
  await trx.updateTable('application_stage_changes').set({ changed_by: null }).where('changed_by', '=', id).execute();
  await trx.deleteFrom('application_stages').where('user_id', '=', id).execute();
  await trx.deleteFrom('company_members').where('user_id', '=', id).execute();
  await trx.deleteFrom('outbox').where(sql<boolean>`envelope -> 'data' ->> 'userId' = ${id}`).execute();
}
