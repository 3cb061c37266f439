import { CompanyInvitationCreated, appendToOutbox, fail, forbidden, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import { lockCompany } from '../db/lock-company.ts';
import { findMemberRole } from '../db/member-role.ts';
import type { CompanyInvitation } from '../db/types.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import type { CompanyMemberRole } from './company-permissions.ts';
import { can } from './company-permissions.ts';
import type { Actor, CatalogDeps } from './deps.ts';
import { hashInvitationToken, newInvitationToken } from './invitation-token.ts';
import { invitationEmail, invitationLifetimeMs, mayAssignRole } from './team-rules.ts';

export interface InviteMemberCommand {
  readonly companyId: string;
  readonly email: string;
  readonly role: CompanyMemberRole;
}

export interface IssuedInvitation {
  readonly invitation: CompanyInvitation;
  /** Given out once; only its hash is stored. */
  readonly token: string;
}

const pending = () => fail(userError('INVITATION_PENDING', 'This address has an invitation waiting already.', ['input', 'email']));

/**
 * Invites an address to the team with a role, for 7 days. Owners and admins invite; only an
 * owner invites an owner. CompanyInvitationCreated (no address, no token) commits with it.
 */
export async function inviteMember(deps: CatalogDeps, actor: Actor, command: InviteMemberCommand): Promise<Outcome<IssuedInvitation>> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      if (!(await lockCompany(trx, command.companyId))) return fail(userError('NOT_FOUND', 'There is no such company.', ['input', 'companyId']));
      const role = await findMemberRole(trx, command.companyId, actor.userId);
      if (!can(role, 'manage_team')) throw forbidden('Only owners and admins of this company may invite people.');
      if (!mayAssignRole(role, command.role)) return fail(userError('ROLE_NOT_ALLOWED', 'Only an owner may invite another owner.', ['input', 'role']));
      const email = invitationEmail(command.email);
      if (email === null) return fail(userError('INVALID_EMAIL', 'Use a valid email address.', ['input', 'email']));

      const now = deps.now();
      // An invitation that ran out is no longer pending in fact: it makes way for a new one.
      await trx.updateTable('company_invitations').set({ status: 'expired', updated_at: now })
        .where('company_id', '=', command.companyId).where('email', '=', email).where('status', '=', 'pending').where('expires_at', '<=', now).execute();
      const token = newInvitationToken();
      const invitation = await trx
        .insertInto('company_invitations')
        .values({
          company_id: command.companyId,
          email,
          role: command.role,
          token_hash: hashInvitationToken(token),
          invited_by: actor.userId,
          expires_at: new Date(now.getTime() + invitationLifetimeMs),
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(['company_id', 'email']).where('status', '=', 'pending').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!invitation) return pending();
      await appendToOutbox(trx, [
        pendingEvent(CompanyInvitationCreated, invitation.company_id, {
          invitationId: invitation.id,
          companyId: invitation.company_id,
          role: invitation.role,
          invitedBy: invitation.invited_by,
          expiresAt: invitation.expires_at.toISOString(),
        }),
      ]);
      return succeed({ invitation, token });
    });
  } catch (error) {
    if (isUniqueViolation(error, 'company_invitations_pending_email_key')) return pending();
    throw error;
  }
}
