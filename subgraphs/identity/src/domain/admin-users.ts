import { UserRolesChanged, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import { sql } from 'kysely';
import type { DbRole, User } from '../db/types.ts';
import { changeStatus } from './account-status.ts';
import type { ClientInfo } from './client-info.ts';
import type { IdentityDeps } from './deps.ts';

const notFound = () => fail(userError('NOT_FOUND', 'No account has this id.', ['input', 'userId']));
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** An admin closes an account until reinstated: its sessions end at once (ID-13). */
export async function suspendUser(deps: IdentityDeps, adminId: string, userId: string, reason: string, client: ClientInfo): Promise<Outcome<User>> {
  if (userId === adminId) return fail(userError('CANNOT_SUSPEND_SELF', 'An admin cannot suspend their own account.', ['input', 'userId']));
  const why = reason.trim();
  if (why.length === 0 || why.length > 500 || /\p{Cc}/u.test(why)) return fail(userError('INVALID_REASON', 'Give a reason of 1 to 500 characters.', ['input', 'reason']));
  if (!isUuid(userId)) return notFound();
  return deps.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
    if (!user) return notFound();
    if (user.status === 'suspended') return succeed(user);
    return succeed(await changeStatus(trx, user, 'suspended', adminId, client));
  });
}

export async function reinstateUser(deps: IdentityDeps, adminId: string, userId: string, client: ClientInfo): Promise<Outcome<User>> {
  if (!isUuid(userId)) return notFound();
  return deps.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
    if (!user) return notFound();
    if (user.status !== 'suspended') return fail(userError('NOT_SUSPENDED', 'This account is not suspended.', ['input', 'userId']));
    return succeed(await changeStatus(trx, user, 'active', adminId, client));
  });
}

/**
 * Grants or revokes a role. Admin is only ever granted by an admin; the last admin keeps
 * the role (admins are counted under a lock, so two admins cannot demote each other at once).
 */
export async function changeRole(deps: IdentityDeps, adminId: string, userId: string, role: DbRole, change: 'grant' | 'revoke'): Promise<Outcome<User>> {
  if (!isUuid(userId)) return notFound();
  return deps.db.transaction().execute(async (trx) => {
    if (role === 'admin' && change === 'revoke') await sql`select pg_advisory_xact_lock(hashtext('identity.admin-roles'))`.execute(trx);
    const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
    if (!user) return notFound();
    const holds = user.roles.includes(role);
    if (change === 'grant' && holds) return fail(userError('ROLE_HELD', 'The account holds this role already.', ['input', 'role']));
    if (change === 'revoke' && !holds) return fail(userError('ROLE_NOT_HELD', 'The account does not hold this role.', ['input', 'role']));
    if (change === 'revoke' && user.roles.length === 1) return fail(userError('LAST_ROLE', 'An account keeps at least one role.', ['input', 'role']));
    if (change === 'revoke' && role === 'admin') {
      const admins = await trx.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).where(sql<boolean>`'admin' = any(roles)`).where('deleted_at', 'is', null).where('status', '=', 'active').executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1) return fail(userError('LAST_ADMIN', 'The last admin cannot lose the role.', ['input', 'role']));
    }
    const roles = change === 'grant' ? [...user.roles, role] : user.roles.filter((r) => r !== role);
    const changedAt = new Date();
    const updated = await trx.updateTable('users').set({ roles, updated_at: changedAt }).where('id', '=', userId).returningAll().executeTakeFirstOrThrow();
    await appendToOutbox(trx, [
      pendingEvent(UserRolesChanged, userId, {
        userId,
        roles,
        granted: change === 'grant' ? [role] : [],
        revoked: change === 'revoke' ? [role] : [],
        changedBy: adminId,
        changedAt: changedAt.toISOString(),
      }),
    ]);
    return succeed(updated);
  });
}
