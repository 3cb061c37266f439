import { defineEvent } from '../events/cloud-event.ts';

export const catalogCompanyTopic = 'catalog.company.v1';
export const catalogJobListingTopic = 'catalog.job-listing.v1';
const company = { domain: 'catalog', topic: catalogCompanyTopic };
const listing = { domain: 'catalog', topic: catalogJobListingTopic };

export interface CompanyCreatedData {
  readonly companyId: string;
  readonly name: string;
  readonly slug: string;
  readonly createdBy: string | null;
}
export const CompanyCreated = defineEvent<CompanyCreatedData>()('jobgraph.catalog.company.created.v1', company);

export interface CompanyMemberData {
  readonly companyId: string;
  readonly userId: string;
  readonly role: 'owner' | 'admin' | 'recruiter' | 'member';
}
export const CompanyMemberAdded = defineEvent<CompanyMemberData>()('jobgraph.catalog.company.member-added.v1', company);
export const CompanyMemberRemoved = defineEvent<Omit<CompanyMemberData, 'role'>>()('jobgraph.catalog.company.member-removed.v1', company);

/** The company as it stands after a change of its profile (same shape as CompanyCreated). */
export const CompanyUpdated = defineEvent<CompanyCreatedData>()('jobgraph.catalog.company.updated.v1', company);

export interface CompanyMemberRoleChangedData extends CompanyMemberData {
  readonly previousRole: CompanyMemberData['role'];
}
export const CompanyMemberRoleChanged = defineEvent<CompanyMemberRoleChangedData>()('jobgraph.catalog.company.member-role-changed.v1', company);

/** An invitation to a company's team; the invitee's address and the token never leave catalog. */
export interface CompanyInvitationCreatedData {
  readonly invitationId: string;
  readonly companyId: string;
  readonly role: CompanyMemberData['role'];
  readonly invitedBy: string | null;
  readonly expiresAt: string;
}
export const CompanyInvitationCreated = defineEvent<CompanyInvitationCreatedData>()('jobgraph.catalog.company.invitation-created.v1', company);

export interface CompanyInvitationAnsweredData {
  readonly invitationId: string;
  readonly companyId: string;
  /** The account that answered. */
  readonly userId: string;
}
export const CompanyInvitationAccepted = defineEvent<CompanyInvitationAnsweredData>()('jobgraph.catalog.company.invitation-accepted.v1', company);
export const CompanyInvitationDeclined = defineEvent<CompanyInvitationAnsweredData>()('jobgraph.catalog.company.invitation-declined.v1', company);

/** The whole listing as it stands after the change: projections need no other source. */
export interface JobListingSnapshot {
  readonly listingId: string;
  readonly companyId: string;
  readonly title: string;
  readonly status: 'draft' | 'open' | 'closed' | 'expired';
  readonly employmentType: string;
  readonly remoteType: string;
  readonly seniority: string | null;
  readonly location: string | null;
  readonly tags: readonly string[];
  readonly salary: { readonly minCents: number | null; readonly maxCents: number | null; readonly currency: string } | null;
  readonly postedAt: string | null;
  readonly closedAt: string | null;
  readonly expiresAt: string | null;
}

export const JobListingDrafted = defineEvent<JobListingSnapshot>()('jobgraph.catalog.job-listing.drafted.v1', listing);
export const JobPosted = defineEvent<JobListingSnapshot>()('jobgraph.catalog.job-listing.posted.v1', listing);
export const JobUpdated = defineEvent<JobListingSnapshot>()('jobgraph.catalog.job-listing.updated.v1', listing);
export const JobClosed = defineEvent<JobListingSnapshot>()('jobgraph.catalog.job-listing.closed.v1', listing);

/**
 * A review of a company as it stands after the change. It never names its author, anonymous
 * or not: a review that turns anonymous later must not have named them before.
 */
export interface CompanyReviewData {
  readonly reviewId: string;
  readonly companyId: string;
  readonly rating: number;
  readonly anonymous: boolean;
  readonly status: 'pending' | 'approved' | 'rejected';
}
/** A candidate submitted a review; it waits for moderation. */
export const CompanyReviewSubmitted = defineEvent<CompanyReviewData>()('jobgraph.catalog.company.review-submitted.v1', company);
/** The author edited it; it waits for moderation again. */
export const CompanyReviewEdited = defineEvent<CompanyReviewData>()('jobgraph.catalog.company.review-edited.v1', company);
/** An admin approved or rejected it. */
export const CompanyReviewModerated = defineEvent<CompanyReviewData>()('jobgraph.catalog.company.review-moderated.v1', company);
/** It is gone (its author's account was erased). */
export const CompanyReviewRemoved = defineEvent<Pick<CompanyReviewData, 'reviewId' | 'companyId'>>()('jobgraph.catalog.company.review-removed.v1', company);
