import type { DbCompanyMemberRole } from '../db/types.ts';

export type CompanyMemberRole = DbCompanyMemberRole;

export type CompanyPermission = 'manage_company' | 'manage_listings' | 'view_unpublished';

const grants: Readonly<Record<CompanyMemberRole, readonly CompanyPermission[]>> = {
  owner: ['manage_company', 'manage_listings', 'view_unpublished'],
  admin: ['manage_company', 'manage_listings', 'view_unpublished'],
  recruiter: ['manage_listings', 'view_unpublished'],
  member: ['view_unpublished'],
};

/** Whether a member of `role` (null: not a member) may do `permission` for the company. */
export function can(role: CompanyMemberRole | null, permission: CompanyPermission): boolean {
  return role !== null && grants[role].includes(permission);
}
