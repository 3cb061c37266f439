import type { DbCompanyMemberRole } from '../db/types.ts';

/**
 * A member's role. `member` is the read-only "viewer" role: it sees the company's
 * unpublished listings and its team, and changes nothing.
 */
export type CompanyMemberRole = DbCompanyMemberRole;

export type CompanyPermission = 'manage_company' | 'manage_team' | 'manage_listings' | 'view_unpublished' | 'view_team';

const grants: Readonly<Record<CompanyMemberRole, readonly CompanyPermission[]>> = {
  owner: ['manage_company', 'manage_team', 'manage_listings', 'view_unpublished', 'view_team'],
  admin: ['manage_company', 'manage_team', 'manage_listings', 'view_unpublished', 'view_team'],
  recruiter: ['manage_listings', 'view_unpublished', 'view_team'],
  member: ['view_unpublished', 'view_team'],
};

/** Whether a member of `role` (null: not a member) may do `permission` for the company. */
export function can(role: CompanyMemberRole | null, permission: CompanyPermission): boolean {
  return role !== null && grants[role].includes(permission);
}
