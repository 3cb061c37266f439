import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

/**
 * The inbound-email part of forgetting a user (UserErased), in the caller's transaction:
 * their received messages, trusted senders and forwarding address (mail to it is then
 * nobody's). Idempotent.
 */
export async function forgetInboundEmail(trx: Kysely<Database>, userId: string): Promise<void> {
  await trx.deleteFrom('parsed_emails').where('user_id', '=', userId).execute();
  await trx.deleteFrom('trusted_senders').where('user_id', '=', userId).execute();
  await trx.deleteFrom('email_forwarding_addresses').where('user_id', '=', userId).execute();
}
