import { forbidden, requireUser, toConnection } from '@jobgraph/kit';
import { maySeeApplicantsOf } from '../domain/access.ts';
import type { JobListingResolvers } from '../generated/resolvers.ts';
import { listingApplicationPageQuery } from './application-page.ts';

export const JobListing: JobListingResolvers = {
  /** Null for anonymous callers too: a public listing page must not fail for them. */
  viewerApplication: (listing, _args, { loaders }) => loaders.viewerApplicationByListing.load(listing.id),
  /** For members of the company that owns the listing (domain/access.ts); anyone else: FORBIDDEN. */
  applications: async (listing, args, { principal, loaders }) => {
    requireUser(principal);
    const query = listingApplicationPageQuery(args);
    const access = await loaders.listingAccessById.load(listing.id);
    if (!maySeeApplicantsOf(principal, access?.listing ?? null, access?.memberships ?? [])) {
      throw forbidden('Only members of the company that owns this listing can see its applications.');
    }
    const rows = await loaders.listingApplicationPages(query).load(listing.id.toLowerCase());
    const after = query.after && { key: query.after.createdAt, id: query.after.id };
    const connection = toConnection(rows, { limit: query.limit, after }, (row) => ({ key: row.cursor_key, id: row.id }));
    return { edges: [...connection.edges], pageInfo: connection.pageInfo };
  },
};
