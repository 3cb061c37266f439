import { can, type CompanyMemberRole } from './company-permissions.ts';

/**
 * Who may give whom which role. Owners and admins manage the team; only an owner hands out,
 * changes or takes away the owner role, so an admin can neither make an owner nor touch one.
 */
export function mayAssignRole(actor: CompanyMemberRole | null, role: CompanyMemberRole): boolean {
  return can(actor, 'manage_team') && (role !== 'owner' || actor === 'owner');
}

/** Whether `actor` may change or remove a member who holds `target` now. */
export function mayManageMember(actor: CompanyMemberRole | null, target: CompanyMemberRole): boolean {
  return mayAssignRole(actor, target);
}

/**
 * Whether taking the owner role away from a member (by removal, leaving or a new role)
 * would leave the company without an owner. `owners` counts the owners now.
 */
export function wouldOrphan(target: CompanyMemberRole, next: CompanyMemberRole | null, owners: number): boolean {
  return target === 'owner' && next !== 'owner' && owners <= 1;
}

/** How long an invitation may be answered. */
export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

/** An address as invitations keep it: trimmed; the column is citext, so case never matters. */
export function invitationEmail(raw: string): string | null {
  const email = raw.normalize('NFC').trim();
  if (email.length < 3 || email.length > 254 || /[\p{Cc}\s]/u.test(email)) return null;
  return /^[^@]+@[^@]+\.[^@]+$/.test(email) ? email : null;
}
