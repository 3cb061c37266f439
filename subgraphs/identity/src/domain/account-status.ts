import { UserStatusChanged, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { Kysely } from 'kysely';
import type { Database, User, UserStatus } from '../db/types.ts';
import { recordAuthEvent } from './auth-log.ts';
import type { ClientInfo } from './client-info.ts';
import type { IdentityDeps } from './deps.ts';
import { verifyPassword } from './password-hash.ts';
import { revokeSessions } from './revoke-sessions.ts';

/** Sets the status, ends every session when the account closes, and announces the change. */
export async function changeStatus(trx: Kysely<Database>, user: User, status: UserStatus, changedBy: string | null, client: ClientInfo): Promise<User> {
  const changedAt = new Date();
  const updated = await trx.updateTable('users').set({ status, status_changed_at: changedAt, updated_at: changedAt }).where('id', '=', user.id).returningAll().executeTakeFirstOrThrow();
  if (status !== 'active') await revokeSessions(trx, user.id, { kind: 'all' }, status === 'suspended' ? 'suspended' : 'deactivated');
  await appendToOutbox(trx, [pendingEvent(UserStatusChanged, user.id, { userId: user.id, status, previousStatus: user.status, changedBy, changedAt: changedAt.toISOString() })]);
  await recordAuthEvent(trx, { userId: user.id, event: `account_${status === 'active' ? 'reactivated' : status}`, client });
  return updated;
}

/** The user closes their account, reversibly (ID-13). */
export async function deactivateAccount(deps: IdentityDeps, userId: string, password: string, client: ClientInfo): Promise<Outcome<User>> {
  const credentials = await deps.db.selectFrom('credentials').select('password_hash').where('user_id', '=', userId).executeTakeFirst();
  if (!credentials || !(await verifyPassword(password, credentials.password_hash))) {
    return fail(userError('INVALID_CREDENTIALS', 'The password is not right.', ['input', 'password']));
  }
  return deps.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
    if (!user) return fail(userError('NOT_FOUND', 'This account no longer exists.'));
    if (user.status !== 'active') return fail(userError('NOT_ACTIVE', 'This account is not active.'));
    return succeed(await changeStatus(trx, user, 'deactivated', null, client));
  });
}
