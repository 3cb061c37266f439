import { can, type CompanyMemberRole } from './company-permissions.ts';
import { effectiveStatus, type StatusFacts } from './listing-status.ts';

/**
 * Anyone may see an open listing; drafts, closed and expired ones only the company's
 * members. `role` is the viewer's role in the listing's company, null for outsiders.
 */
export function canSeeListing(listing: StatusFacts, role: CompanyMemberRole | null, now: Date): boolean {
  return effectiveStatus(listing, now) === 'open' || can(role, 'view_unpublished');
}
