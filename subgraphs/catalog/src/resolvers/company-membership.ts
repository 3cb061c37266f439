import type { CompanyMembershipResolvers } from '../generated/resolvers.ts';
import { companyOf } from './company-of.ts';
import { toCompanyMemberRole } from './enums.ts';

export const CompanyMembership: CompanyMembershipResolvers = {
  company: (membership, _args, context) => companyOf(context, membership.company_id),
  role: (membership) => toCompanyMemberRole(membership.role),
  joinedAt: (membership) => membership.created_at,
};
