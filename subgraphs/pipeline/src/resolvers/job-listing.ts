import type { JobListingResolvers } from '../generated/resolvers.ts';

export const JobListing: JobListingResolvers = {
  /** Null for anonymous callers too: a public listing page must not fail for them. */
  viewerApplication: (listing, _args, { loaders }) => loaders.viewerApplicationByListing.load(listing.id),
};
