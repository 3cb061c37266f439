import type { Kysely } from 'kysely';
import { CompanyMemberRemoved, CompanyMemberRoleChanged, appendToOutbox, fail, forbidden, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import { lockCompany } from '../db/lock-company.ts';
import { findMemberRole } from '../db/member-role.ts';
import type { CompanyMember, Database } from '../db/types.ts';
import type { CompanyMemberRole } from './company-permissions.ts';
import type { Actor, CatalogDeps } from './deps.ts';
import { mayAssignRole, mayManageMember, wouldOrphan } from './team-rules.ts';

export interface MemberRef {
  readonly companyId: string;
  readonly userId: string;
}

const lastOwner = () => fail(userError('LAST_OWNER', 'A company keeps at least one owner: make someone else owner first.', ['input', 'userId']));

interface Settled {
  readonly target: CompanyMember;
  readonly owners: number;
}

/**
 * Locks the company and finds the member; FORBIDDEN unless the actor is in the team, NOT_FOUND
 * for a company or member that is not there. `self` lets a member act on themself (leaving).
 */
async function settle(trx: Kysely<Database>, actor: Actor, ref: MemberRef): Promise<Outcome<Settled & { actorRole: CompanyMemberRole }>> {
  if (!(await lockCompany(trx, ref.companyId))) return fail(userError('NOT_FOUND', 'There is no such company.', ['input', 'companyId']));
  const actorRole = await findMemberRole(trx, ref.companyId, actor.userId);
  if (actorRole === null) throw forbidden('Only members of this company may change its team.');
  const target = await trx.selectFrom('company_members').selectAll().where('company_id', '=', ref.companyId).where('user_id', '=', ref.userId).executeTakeFirst();
  if (!target) return fail(userError('NOT_FOUND', 'This person is not a member of the company.', ['input', 'userId']));
  const { owners } = await trx
    .selectFrom('company_members')
    .select((eb) => eb.fn.countAll<string>().as('owners'))
    .where('company_id', '=', ref.companyId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return succeed({ target, owners: Number(owners), actorRole });
}

/**
 * Takes a member off the team: an owner or admin removes others (only an owner removes an
 * owner), and anyone may leave. The last owner can do neither. CompanyMemberRemoved commits with it.
 */
export async function removeMember(deps: CatalogDeps, actor: Actor, ref: MemberRef): Promise<Outcome<CompanyMember>> {
  return deps.db.transaction().execute(async (trx) => {
    const settled = await settle(trx, actor, ref);
    if (!settled.ok) return settled;
    const { target, owners, actorRole } = settled.value;
    if (ref.userId !== actor.userId && !mayManageMember(actorRole, target.role)) throw forbidden('Your role does not let you remove this member.');
    if (wouldOrphan(target.role, null, owners)) return lastOwner();
    await trx.deleteFrom('company_members').where('id', '=', target.id).execute();
    await appendToOutbox(trx, [pendingEvent(CompanyMemberRemoved, ref.companyId, { companyId: ref.companyId, userId: ref.userId })]);
    return succeed(target);
  });
}

/**
 * Gives a member another role: owners and admins, an owner's role and the owner role only by an
 * owner; the last owner keeps theirs. CompanyMemberRoleChanged commits with it.
 */
export async function changeMemberRole(deps: CatalogDeps, actor: Actor, ref: MemberRef & { readonly role: CompanyMemberRole }): Promise<Outcome<CompanyMember>> {
  return deps.db.transaction().execute(async (trx) => {
    const settled = await settle(trx, actor, ref);
    if (!settled.ok) return settled;
    const { target, owners, actorRole } = settled.value;
    if (!mayManageMember(actorRole, target.role)) throw forbidden('Your role does not let you change this member.');
    if (!mayAssignRole(actorRole, ref.role)) return fail(userError('ROLE_NOT_ALLOWED', 'Only an owner may make someone an owner.', ['input', 'role']));
    if (target.role === ref.role) return succeed(target);
    if (wouldOrphan(target.role, ref.role, owners)) return lastOwner();
    const changed = await trx.updateTable('company_members').set({ role: ref.role, updated_at: deps.now() }).where('id', '=', target.id).returningAll().executeTakeFirstOrThrow();
    await appendToOutbox(trx, [
      pendingEvent(CompanyMemberRoleChanged, ref.companyId, { companyId: ref.companyId, userId: ref.userId, role: changed.role, previousRole: target.role }),
    ]);
    return succeed(changed);
  });
}
