import { fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';
import type { Kysely } from 'kysely';
import type { AccountTokenPurpose, Database } from '../db/types.ts';
import { generateOpaqueToken, hashOpaqueToken } from './opaque-token.ts';

/**
 * Makes a mailed token: 256 random bits, stored as its hash, expiring, single use. A
 * new one replaces the user's unused ones of the same purpose, so only the latest mail works.
 */
export async function issueAccountToken(trx: Kysely<Database>, userId: string, purpose: AccountTokenPurpose, email: string, ttlMs: number): Promise<string> {
  const token = generateOpaqueToken();
  await trx.deleteFrom('account_tokens').where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
  await trx.insertInto('account_tokens').values({ user_id: userId, purpose, token_hash: hashOpaqueToken(token), email, expires_at: new Date(Date.now() + ttlMs) }).execute();
  return token;
}

export interface ConsumedToken {
  readonly userId: string;
  readonly email: string;
}

const field = ['input', 'token'];

/**
 * Uses a token once. A token of another purpose, or one the signed-in caller does not
 * own, is INVALID_TOKEN and stays unused; a used or expired one says so.
 */
export async function consumeAccountToken(
  trx: Kysely<Database>,
  token: string,
  purpose: AccountTokenPurpose,
  callerId: string | null,
  /** A last check before the token is spent; an error leaves it usable (a weak new password, say). */
  precondition: (token: ConsumedToken) => UserError | null = () => null,
): Promise<Outcome<ConsumedToken>> {
  if (token.length === 0 || token.length > 200) return fail(userError('INVALID_TOKEN', 'This link is not valid.', field));
  const row = await trx.selectFrom('account_tokens').selectAll().where('token_hash', '=', hashOpaqueToken(token)).forUpdate().executeTakeFirst();
  if (!row || row.purpose !== purpose || (callerId !== null && row.user_id !== callerId)) return fail(userError('INVALID_TOKEN', 'This link is not valid.', field));
  if (row.used_at) return fail(userError('TOKEN_USED', 'This link was used already.', field));
  if (row.expires_at.getTime() <= Date.now()) return fail(userError('TOKEN_EXPIRED', 'This link has expired. Ask for a new one.', field));
  const consumed = { userId: row.user_id, email: row.email };
  const refusal = precondition(consumed);
  if (refusal) return fail(refusal);
  await trx.updateTable('account_tokens').set({ used_at: new Date() }).where('id', '=', row.id).execute();
  return succeed(consumed);
}
