import type { CatalogDeps } from '../domain/deps.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { Company } from './company.ts';
import { CompanyInvitation } from './company-invitation.ts';
import { CompanyMember } from './company-member.ts';
import { CompanyMembership } from './company-membership.ts';
import { JobListing } from './job-listing.ts';
import { companyMutations } from './mutation-company.ts';
import { jobListingMutations } from './mutation-job-listing.ts';
import { teamMutations } from './mutation-team.ts';
import { companies } from './query-companies.ts';
import { company } from './query-company.ts';
import { job } from './query-job.ts';
import { jobsQuery } from './query-jobs.ts';
import { createFacetCache } from '../db/facet-cache.ts';
import { JobFacets, JobSearchConnection } from './job-search-connection.ts';
import { searchHistoryMutations } from './mutation-search-history.ts';
import { Place } from './place.ts';
import { CompanyReview } from './company-review.ts';
import { reviewMutations } from './mutation-review.ts';
import { companyReviewsForModeration } from './query-review-moderation.ts';
import { SearchHistoryEntry } from './search-history-entry.ts';
import { User } from './user.ts';

export function createResolvers(deps: CatalogDeps): Resolvers {
  return {
    Query: { jobs: jobsQuery(createFacetCache()), job, company, companies, companyReviewsForModeration },
    Mutation: { ...companyMutations(deps), ...jobListingMutations(deps), ...teamMutations(deps), ...searchHistoryMutations(deps), ...reviewMutations(deps) },
    Company,
    CompanyMembership,
    CompanyMember,
    CompanyInvitation,
    JobListing,
    User,
    Place,
    CompanyReview,
    JobSearchConnection,
    JobFacets,
    SearchHistoryEntry,
  };
}
