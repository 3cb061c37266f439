import { isUser, type Principal } from '@jobgraph/kit';
import type { DbCompanyRole } from '../db/types.ts';

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Whether `principal` may read the application tracker (applications, stages, tasks) of
 * `userId`. A tracker is private: only its owner reads it.
 */
export function mayReadTrackerOf(principal: Principal, userId: string): boolean {
  return isUser(principal) && sameId(principal.userId, userId);
}

/** A catalog listing as pipeline's projection knows it: the company that owns it. */
export interface ListingOwner {
  readonly listingId: string;
  readonly companyId: string;
}

/** A place in a company's team, as pipeline's projection knows it. */
export interface CompanyMembership {
  readonly companyId: string;
  readonly userId: string;
  readonly role: DbCompanyRole;
}

/**
 * Whether `principal` may see who applied to `listing`: a member of the company that owns
 * it, in any role, according to the projections fed by catalog's events. A listing the
 * projection does not know (yet) shows its applicants to nobody. Admins get no exception.
 * `memberships` may hold anyone's; only the principal's own count.
 */
export function maySeeApplicantsOf(principal: Principal, listing: ListingOwner | null, memberships: readonly CompanyMembership[]): boolean {
  if (!isUser(principal) || listing === null) return false;
  return memberships.some((m) => sameId(m.userId, principal.userId) && sameId(m.companyId, listing.companyId));
}

/** How someone may read an application: as its owner (all of it), or as the employer it was sent to. */
export type ApplicationReader = 'owner' | 'employer';

export interface ApplicationAccessFacts {
  readonly userId: string;
  readonly jobListingId: string | null;
}

/**
 * How `principal` may read an application: its owner reads all of it; a member of the
 * company that owns the listing it applies to reads it as the employer; anyone else not
 * at all (null), and it answers as if it did not exist. `listing` is the projection's
 * row for the application's listing, when it has one.
 */
export function applicationReader(
  principal: Principal,
  application: ApplicationAccessFacts,
  listing: ListingOwner | null,
  memberships: readonly CompanyMembership[],
): ApplicationReader | null {
  if (mayReadTrackerOf(principal, application.userId)) return 'owner';
  if (application.jobListingId === null || listing === null || !sameId(listing.listingId, application.jobListingId)) return null;
  return maySeeApplicantsOf(principal, listing, memberships) ? 'employer' : null;
}

/**
 * The candidate's notes (on the application and in its timeline) are theirs alone: an
 * employer who may read the application sees them as null.
 */
export function mayReadNotesOf(principal: Principal, application: Pick<ApplicationAccessFacts, 'userId'>): boolean {
  return mayReadTrackerOf(principal, application.userId);
}
