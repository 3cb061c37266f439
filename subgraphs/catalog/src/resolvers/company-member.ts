import type { CompanyMemberResolvers } from '../generated/resolvers.ts';
import { toCompanyMemberRole } from './enums.ts';

export const CompanyMember: CompanyMemberResolvers = {
  user: (member) => ({ id: member.user_id }),
  role: (member) => toCompanyMemberRole(member.role),
  joinedAt: (member) => member.created_at,
  invitedBy: (member) => (member.invited_by === null ? null : { id: member.invited_by }),
};
