import type { CompanyInvitationResolvers } from '../generated/resolvers.ts';
import { companyOf } from './company-of.ts';
import { toCompanyMemberRole, toInvitationStatus } from './enums.ts';

export const CompanyInvitation: CompanyInvitationResolvers = {
  company: (invitation, _args, context) => companyOf(context, invitation.company_id),
  role: (invitation) => toCompanyMemberRole(invitation.role),
  // Expiry is read, as for listings: a pending invitation past its time is EXPIRED.
  status: (invitation) => toInvitationStatus(invitation.status === 'pending' && invitation.expires_at.getTime() <= Date.now() ? 'expired' : invitation.status),
  expiresAt: (invitation) => invitation.expires_at,
  createdAt: (invitation) => invitation.created_at,
};
