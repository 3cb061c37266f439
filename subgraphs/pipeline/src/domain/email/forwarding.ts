import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { Kysely } from 'kysely';
import type { Database, TrustedSender } from '../../db/types.ts';
import type { PipelineDeps } from '../deps.ts';
import { newForwardingToken } from './forwarding-address.ts';
import { validateTrustedSender } from './trusted-sender-input.ts';

/** A user may trust this many senders of their own (the built-in ATS senders not counted). */
export const maxTrustedSenders = 100;

/** The user's forwarding token, made on first use; idempotent when two requests race. */
export async function ensureForwardingToken(db: Kysely<Database>, userId: string): Promise<string> {
  await db.insertInto('email_forwarding_addresses').values({ user_id: userId, token: newForwardingToken() }).onConflict((oc) => oc.column('user_id').doNothing()).execute();
  const row = await db.selectFrom('email_forwarding_addresses').select('token').where('user_id', '=', userId).executeTakeFirstOrThrow();
  return row.token;
}

/** A new forwarding token: mail to the old address is no longer the user's from this moment. */
export async function regenerateForwardingToken(deps: PipelineDeps, userId: string): Promise<string> {
  const token = newForwardingToken();
  const row = await deps.db
    .insertInto('email_forwarding_addresses')
    .values({ user_id: userId, token })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ token, updated_at: new Date() }))
    .returning('token')
    .executeTakeFirstOrThrow();
  return row.token;
}

/** Adds a trusted sender. Codes: INVALID_SENDER, TOO_BROAD, TOO_LONG, ALREADY_TRUSTED, TOO_MANY. */
export async function addTrustedSender(deps: PipelineDeps, userId: string, raw: string): Promise<Outcome<TrustedSender>> {
  const draft = validateTrustedSender(raw);
  if (!draft.ok) return draft;
  return deps.db.transaction().execute(async (trx) => {
    // One writer per user at a time, so the limit holds under concurrency.
    await ensureForwardingToken(trx, userId);
    await trx.selectFrom('email_forwarding_addresses').select('user_id').where('user_id', '=', userId).forUpdate().execute();
    const { count } = await trx.selectFrom('trusted_senders').select((eb) => eb.fn.countAll<string>().as('count')).where('user_id', '=', userId).executeTakeFirstOrThrow();
    if (Number(count) >= maxTrustedSenders) return fail(userError('TOO_MANY', `You can trust at most ${maxTrustedSenders} senders.`, ['input', 'sender']));
    const row = await trx
      .insertInto('trusted_senders')
      .values({ user_id: userId, kind: draft.value.kind, sender: draft.value.sender })
      .onConflict((oc) => oc.columns(['user_id', 'sender']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) return fail(userError('ALREADY_TRUSTED', 'You trust this sender already.', ['input', 'sender']));
    return succeed(row);
  });
}

/** Removes one of the user's trusted senders; someone else's id answers NOT_FOUND. */
export async function removeTrustedSender(deps: PipelineDeps, userId: string, id: string): Promise<Outcome<TrustedSender>> {
  const row = await deps.db.deleteFrom('trusted_senders').where('id', '=', id.toLowerCase()).where('user_id', '=', userId).returningAll().executeTakeFirst();
  return row ? succeed(row) : fail(userError('NOT_FOUND', 'You have no trusted sender with this id.', ['input', 'id']));
}
