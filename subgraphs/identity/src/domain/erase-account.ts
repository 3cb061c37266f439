import { UserErased, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { IdentityDeps } from './deps.ts';
import { revokeSessions } from './revoke-sessions.ts';
import { verifyPassword } from './password-hash.ts';

/**
 * Forgets a user: the row stays (ids elsewhere keep pointing at something) but holds
 * nothing personal; credentials, sessions and auth events go. UserErased, committed
 * in the same transaction, tells every other domain to do likewise.
 */
export async function eraseAccount(deps: IdentityDeps, userId: string, password: string): Promise<Outcome<{ erasedAt: Date }>> {
  const credentials = await deps.db.selectFrom('credentials').select('password_hash').where('user_id', '=', userId).executeTakeFirst();
  if (!credentials || !(await verifyPassword(password, credentials.password_hash))) {
    return fail(userError('INVALID_CREDENTIALS', 'The password is not right.', ['input', 'password']));
  }
  return deps.db.transaction().execute(async (trx) => {
    const erasedAt = new Date();
    const before = await trx.selectFrom('users').select('email').where('id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
    // The row stays (other domains' ids still point at it) with nothing personal left in it.
    const erased = await trx
      .updateTable('users')
      .set({
        email: `erased+${userId}@invalid`,
        display_name: 'Erased user',
        email_verified_at: null,
        last_sign_in_at: null,
        first_name: null,
        last_name: null,
        avatar_url: null,
        phone: null,
        timezone: null,
        locale: null,
        bio: null,
        links: [],
        deleted_at: erasedAt,
        updated_at: erasedAt,
      })
      .where('id', '=', userId)
      .where('deleted_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!erased) return fail(userError('NOT_FOUND', 'This account no longer exists.'));
    await trx.deleteFrom('credentials').where('user_id', '=', userId).execute();
    await revokeSessions(trx, userId, { kind: 'all' }, 'erased');
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await trx.deleteFrom('auth_events').where('user_id', '=', userId).execute();
    await trx.deleteFrom('account_tokens').where('user_id', '=', userId).execute();
    await trx.deleteFrom('api_keys').where('user_id', '=', userId).execute();
    // Provider tokens go with the account: linked sign-ins, integrations, flows under way.
    await trx.deleteFrom('external_accounts').where('user_id', '=', userId).execute();
    await trx.deleteFrom('integration_accounts').where('user_id', '=', userId).execute();
    await trx.deleteFrom('oauth_states').where('user_id', '=', userId).execute();
    await trx.deleteFrom('user_plans').where('user_id', '=', userId).execute();
    if (before) await trx.deleteFrom('mail_outbox').where('recipient', '=', before.email).execute();
    await appendToOutbox(trx, [pendingEvent(UserErased, userId, { userId, erasedAt: erasedAt.toISOString() })]);
    return succeed({ erasedAt });
  });
}
