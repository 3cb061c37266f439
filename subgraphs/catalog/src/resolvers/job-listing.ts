import { effectiveStatus } from '../domain/listing-status.ts';
import type { JobListingResolvers } from '../generated/resolvers.ts';
import { companyOf } from './company-of.ts';
import { toTagKind, toTagRequirement, toEmploymentType, toListingStatus, toListingVisibility, toRemoteType, toSalaryPeriod, toSeniorityLevel } from './enums.ts';
import { visibleListing } from './visible-listing.ts';

export const JobListing: JobListingResolvers = {
  __resolveReference: (reference, context) => visibleListing(context, reference.id),
  company: (listing, _args, context) => companyOf(context, listing.company_id),
  status: (listing) => toListingStatus(effectiveStatus(listing, new Date())),
  employmentType: (listing) => toEmploymentType(listing.employment_type),
  remoteType: (listing) => toRemoteType(listing.remote_type),
  seniority: (listing) => (listing.seniority === null ? null : toSeniorityLevel(listing.seniority)),
  salary: (listing) =>
    listing.salary_currency === null
      ? null
      : { minCents: listing.salary_min_cents, maxCents: listing.salary_max_cents, currency: listing.salary_currency, period: toSalaryPeriod(listing.salary_period) },
  eligibilityNotes: (listing) => listing.eligibility_notes,
  workAuthorizationNotes: (listing) => listing.work_authorization_notes,
  visibility: (listing) => toListingVisibility(listing.visibility),
  featured: (listing) => listing.featured_until !== null && listing.featured_until.getTime() > Date.now(),
  featuredUntil: (listing) => listing.featured_until,
  viewCount: (listing) => Number(listing.view_count),
  place: (listing, _args, { loaders }) => (listing.location_id === null ? null : loaders.locationById.load(listing.location_id)),
  taggings: async (listing, _args, { loaders }) =>
    (await loaders.taggingsOfListing.load(listing.id)).map((row) => ({ name: row.tag, kind: toTagKind(row.kind), requirement: toTagRequirement(row.requirement), level: row.level })),
  applicationCount: (listing) => listing.application_count,
  postedAt: (listing) => listing.posted_at,
  closedAt: (listing) => listing.closed_at,
  expiresAt: (listing) => listing.expires_at,
  createdAt: (listing) => listing.created_at,
  updatedAt: (listing) => listing.updated_at,
};
