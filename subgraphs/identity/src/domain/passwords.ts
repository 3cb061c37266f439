import { UserPasswordChanged, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';
import { sendAccountMail } from '../mail/send-account-mail.ts';
import { consumeAccountToken } from './account-tokens.ts';
import { recordAuthEvent } from './auth-log.ts';
import type { ClientInfo } from './client-info.ts';
import type { IdentityDeps } from './deps.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { passwordWeakness } from './password-policy.ts';
import { revokeSessions, type SessionSelection } from './revoke-sessions.ts';
import { admitAttempt, type ThrottleRule } from './throttle.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Mails a reset link when the address belongs to an open account (ID-07). The answer is
 * the same and comes after RESET_REQUEST_MIN_MS whether or not it does: the lookup and
 * the mail are done beside the answer, never before it, so timing tells nothing.
 */
export async function requestPasswordReset(deps: IdentityDeps, email: string, client: ClientInfo): Promise<Outcome<true>> {
  const rules: ThrottleRule[] = [{ action: 'reset:address', subject: email.trim().toLowerCase(), limit: deps.config.MAIL_REQUESTS_PER_ADDRESS }];
  if (client.ipNetwork) rules.push({ action: 'reset:ip', subject: client.ipNetwork, limit: deps.config.MAIL_REQUESTS_PER_IP });
  const floor = sleep(deps.config.RESET_REQUEST_MIN_MS);
  // Counted by the address asked for, known or not, so the limit reveals nothing either.
  const refused = await admitAttempt(deps.db, rules, deps.config.THROTTLE_WINDOW_SECONDS);
  if (refused) {
    await floor;
    return refused;
  }
  const work = deps.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).where('deleted_at', 'is', null).executeTakeFirst();
    if (user && user.status !== 'suspended') await sendAccountMail(trx, deps.config, user, 'reset_password', user.email);
  });
  work.catch((error: unknown) => deps.logger.error({ err: error }, 'password reset request failed'));
  await floor;
  return succeed(true as const);
}

async function setPassword(trx: Kysely<Database>, deps: IdentityDeps, userId: string, passwordHash: string, keep: SessionSelection, via: 'change' | 'reset', client: ClientInfo): Promise<void> {
  const changedAt = new Date();
  // An account made by a provider sign-in has no password until a reset sets its first one.
  await trx
    .insertInto('credentials')
    .values({ user_id: userId, password_hash: passwordHash, password_changed_at: changedAt })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ password_hash: passwordHash, password_changed_at: changedAt, updated_at: changedAt }))
    .execute();
  await revokeSessions(trx, userId, keep, via === 'reset' ? 'password_reset' : 'password_changed');
  await appendToOutbox(trx, [pendingEvent(UserPasswordChanged, userId, { userId, via, changedAt: changedAt.toISOString() })]);
  await recordAuthEvent(trx, { userId, event: via === 'reset' ? 'password_reset' : 'password_changed', client });
}

/** Sets a new password from a mailed link; every session ends. */
export async function resetPassword(deps: IdentityDeps, token: string, newPassword: string, callerId: string | null, client: ClientInfo): Promise<Outcome<true>> {
  return deps.db.transaction().execute(async (trx) => {
    // A weak password leaves the token unused, so the person can try another from the same mail.
    const consumed = await consumeAccountToken(trx, token, 'reset_password', callerId, ({ email }) => passwordWeakness(newPassword, email, ['input', 'newPassword']));
    if (!consumed.ok) return consumed;
    const user = await trx.selectFrom('users').select(['id', 'email']).where('id', '=', consumed.value.userId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!user || user.email !== consumed.value.email) return fail(userError('INVALID_TOKEN', 'This link is not valid.', ['input', 'token']));
    await setPassword(trx, deps, user.id, await hashPassword(newPassword, deps.config.PASSWORD_HASH_LOG_N), { kind: 'all' }, 'reset', client);
    return succeed(true as const);
  });
}

/** The signed-in user changes their password; every other session ends (ID-07). */
export async function changePassword(deps: IdentityDeps, userId: string, sessionId: string, current: string, next: string, client: ClientInfo): Promise<Outcome<true>> {
  const found = await deps.db.selectFrom('users').innerJoin('credentials', 'credentials.user_id', 'users.id').select(['users.email', 'credentials.password_hash']).where('users.id', '=', userId).executeTakeFirst();
  if (!found || !(await verifyPassword(current, found.password_hash))) return fail(userError('INVALID_CREDENTIALS', 'The current password is not right.', ['input', 'currentPassword']));
  const weakness = passwordWeakness(next, found.email, ['input', 'newPassword']);
  if (weakness) return fail(weakness);
  const hash = await hashPassword(next, deps.config.PASSWORD_HASH_LOG_N);
  return deps.db.transaction().execute(async (trx) => {
    await setPassword(trx, deps, userId, hash, { kind: 'all-but', sessionId }, 'change', client);
    return succeed(true as const);
  });
}

/** Mails a confirmation link to a new address; the account keeps its address until it is followed (ID-06). */
export async function requestEmailChange(deps: IdentityDeps, userId: string, newEmail: string, password: string): Promise<Outcome<true>> {
  const email = newEmail.trim().toLowerCase();
  const found = await deps.db.selectFrom('users').innerJoin('credentials', 'credentials.user_id', 'users.id').selectAll('users').select('credentials.password_hash').where('users.id', '=', userId).executeTakeFirst();
  if (!found || !(await verifyPassword(password, found.password_hash))) return fail(userError('INVALID_CREDENTIALS', 'The password is not right.', ['input', 'password']));
  if (found.email === email) return fail(userError('SAME_EMAIL', 'This is the address the account uses already.', ['input', 'newEmail']));
  return deps.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('email', '=', email).where('deleted_at', 'is', null).executeTakeFirst();
    if (taken) return fail(userError('EMAIL_TAKEN', 'Another account uses this address.', ['input', 'newEmail']));
    await sendAccountMail(trx, deps.config, found, 'change_email', email);
    return succeed(true as const);
  });
}
