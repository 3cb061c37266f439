import { UserEmailVerified, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { User } from '../db/types.ts';
import { sendAccountMail } from '../mail/send-account-mail.ts';
import { consumeAccountToken } from './account-tokens.ts';
import { recordAuthEvent } from './auth-log.ts';
import type { ClientInfo } from './client-info.ts';
import type { IdentityDeps } from './deps.ts';
import { admitAttempt } from './throttle.ts';

/** Mails the signed-in user a new verification link (ID-06). */
export async function requestEmailVerification(deps: IdentityDeps, userId: string): Promise<Outcome<true>> {
  return deps.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!user) return fail(userError('NOT_FOUND', 'This account no longer exists.'));
    if (user.email_verified_at) return fail(userError('ALREADY_VERIFIED', 'This address is verified already.'));
    const refused = await admitAttempt(trx, [{ action: 'verify:account', subject: user.id, limit: deps.config.MAIL_REQUESTS_PER_ADDRESS }], deps.config.THROTTLE_WINDOW_SECONDS);
    if (refused) return refused;
    await sendAccountMail(trx, deps.config, user, 'verify_email', user.email);
    return succeed(true as const);
  });
}

/** Follows a verification link: the address counts as verified if it is still the account's. */
export async function verifyEmail(deps: IdentityDeps, token: string, callerId: string | null, client: ClientInfo): Promise<Outcome<User>> {
  return deps.db.transaction().execute(async (trx) => {
    const consumed = await consumeAccountToken(trx, token, 'verify_email', callerId);
    if (!consumed.ok) return consumed;
    const verifiedAt = new Date();
    const user = await trx
      .updateTable('users')
      .set({ email_verified_at: verifiedAt, updated_at: verifiedAt })
      .where('id', '=', consumed.value.userId)
      .where('email', '=', consumed.value.email)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!user) return fail(userError('INVALID_TOKEN', 'This link is for an address the account no longer uses.', ['input', 'token']));
    await appendToOutbox(trx, [pendingEvent(UserEmailVerified, user.id, { userId: user.id, verifiedAt: verifiedAt.toISOString(), addressChanged: false })]);
    await recordAuthEvent(trx, { userId: user.id, event: 'email_verified', client });
    return succeed(user);
  });
}

/** Follows the link mailed to a new address: the address replaces the old one, verified. */
export async function confirmEmailChange(deps: IdentityDeps, token: string, callerId: string | null, client: ClientInfo): Promise<Outcome<User>> {
  return deps.db.transaction().execute(async (trx) => {
    const consumed = await consumeAccountToken(trx, token, 'change_email', callerId);
    if (!consumed.ok) return consumed;
    const taken = await trx.selectFrom('users').select('id').where('email', '=', consumed.value.email).where('deleted_at', 'is', null).executeTakeFirst();
    if (taken) return fail(userError('EMAIL_TAKEN', 'Another account uses this address now.', ['input', 'token']));
    const changedAt = new Date();
    const user = await trx
      .updateTable('users')
      .set({ email: consumed.value.email, email_verified_at: changedAt, updated_at: changedAt })
      .where('id', '=', consumed.value.userId)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!user) return fail(userError('INVALID_TOKEN', 'This link is not valid.', ['input', 'token']));
    await appendToOutbox(trx, [pendingEvent(UserEmailVerified, user.id, { userId: user.id, verifiedAt: changedAt.toISOString(), addressChanged: true })]);
    await recordAuthEvent(trx, { userId: user.id, event: 'email_changed', client });
    return succeed(user);
  });
}
