import type { Kysely } from 'kysely';
import {
  CompanyInvitationAccepted,
  CompanyInvitationDeclined,
  CompanyMemberAdded,
  appendToOutbox,
  fail,
  pendingEvent,
  succeed,
  userError,
  type Outcome,
} from '@jobgraph/kit';
import { lockCompany } from '../db/lock-company.ts';
import type { CompanyInvitation, CompanyMember, Database } from '../db/types.ts';
import type { Actor, CatalogDeps } from './deps.ts';
import { hashInvitationToken } from './invitation-token.ts';

const invalid = () => fail(userError('INVITATION_INVALID', 'This invitation is not valid: it was answered already or never existed.', ['token']));
const expired = () => fail(userError('INVITATION_EXPIRED', 'This invitation has expired; ask for a new one.', ['token']));

/** The pending, unexpired invitation the token opens, locked; one answer per token, ever. */
async function openInvitation(trx: Kysely<Database>, token: string, now: Date): Promise<Outcome<CompanyInvitation>> {
  // Tokens are 43 characters; anything far longer is not one and is not hashed for nothing.
  if (token.length === 0 || token.length > 200) return invalid();
  const invitation = await trx.selectFrom('company_invitations').selectAll().where('token_hash', '=', hashInvitationToken(token)).forUpdate().executeTakeFirst();
  if (!invitation || invitation.status !== 'pending') return invalid();
  if (invitation.expires_at.getTime() <= now.getTime()) return expired();
  if (!(await lockCompany(trx, invitation.company_id))) return invalid();
  return succeed(invitation);
}

/**
 * The signed-in invitee joins the team with the invited role. The token is spent: nobody,
 * the same account included, can use it again. CompanyInvitationAccepted and
 * CompanyMemberAdded commit with the membership.
 */
export async function acceptInvitation(deps: CatalogDeps, actor: Actor, token: string): Promise<Outcome<CompanyMember>> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const opened = await openInvitation(trx, token, now);
    if (!opened.ok) return opened;
    const invitation = opened.value;
    const member = await trx
      .insertInto('company_members')
      .values({ company_id: invitation.company_id, user_id: actor.userId, role: invitation.role, invited_by: invitation.invited_by, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['company_id', 'user_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    // The invitation stays open for the person it was meant for.
    if (!member) return fail(userError('ALREADY_MEMBER', 'You are a member of this company already.', ['token']));
    await trx.updateTable('company_invitations').set({ status: 'accepted', responded_by: actor.userId, responded_at: now, updated_at: now }).where('id', '=', invitation.id).execute();
    await appendToOutbox(trx, [
      pendingEvent(CompanyInvitationAccepted, invitation.company_id, { invitationId: invitation.id, companyId: invitation.company_id, userId: actor.userId }),
      pendingEvent(CompanyMemberAdded, invitation.company_id, { companyId: invitation.company_id, userId: member.user_id, role: member.role }),
    ]);
    return succeed(member);
  });
}

/** The invitee says no; the token is spent. CompanyInvitationDeclined commits with it. */
export async function declineInvitation(deps: CatalogDeps, actor: Actor, token: string): Promise<Outcome<CompanyInvitation>> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const opened = await openInvitation(trx, token, now);
    if (!opened.ok) return opened;
    const declined = await trx
      .updateTable('company_invitations')
      .set({ status: 'declined', responded_by: actor.userId, responded_at: now, updated_at: now })
      .where('id', '=', opened.value.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToOutbox(trx, [pendingEvent(CompanyInvitationDeclined, declined.company_id, { invitationId: declined.id, companyId: declined.company_id, userId: actor.userId })]);
    return succeed(declined);
  });
}
