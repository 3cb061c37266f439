import { requireUser, succeed } from '@jobgraph/kit';
import { acceptInvitation, declineInvitation } from '../domain/answer-invitation.ts';
import type { CatalogDeps } from '../domain/deps.ts';
import { inviteMember } from '../domain/invite-member.ts';
import { changeMemberRole, removeMember } from '../domain/manage-member.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { fromCompanyMemberRole } from './enums.ts';
import { companyMemberPayload, invitationPayload } from './payloads.ts';

type TeamMutations = 'inviteCompanyMember' | 'acceptCompanyInvitation' | 'declineCompanyInvitation' | 'removeCompanyMember' | 'changeCompanyMemberRole';

export function teamMutations(deps: CatalogDeps): Pick<MutationResolvers, TeamMutations> {
  return {
    inviteCompanyMember: async (_parent, { input }, { principal }) => {
      const { userId } = requireUser(principal);
      return invitationPayload(await inviteMember(deps, { userId }, { companyId: input.companyId, email: input.email, role: fromCompanyMemberRole(input.role) }));
    },
    acceptCompanyInvitation: async (_parent, { token }, { principal }) => companyMemberPayload(await acceptInvitation(deps, requireUser(principal), token)),
    declineCompanyInvitation: async (_parent, { token }, { principal }) => {
      const outcome = await declineInvitation(deps, requireUser(principal), token);
      return invitationPayload(outcome.ok ? succeed({ invitation: outcome.value, token: null }) : outcome);
    },
    removeCompanyMember: async (_parent, { input }, { principal }) =>
      companyMemberPayload(await removeMember(deps, requireUser(principal), { companyId: input.companyId, userId: input.userId })),
    changeCompanyMemberRole: async (_parent, { input }, { principal }) =>
      companyMemberPayload(await changeMemberRole(deps, requireUser(principal), { companyId: input.companyId, userId: input.userId, role: fromCompanyMemberRole(input.role) })),
  };
}
