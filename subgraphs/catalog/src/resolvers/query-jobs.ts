import { isApiKeyPrincipal, isUser } from '@jobgraph/kit';
import { jobFacets, type JobFacetCounts } from '../db/job-facets.ts';
import { recordSearch } from '../db/record-search.ts';
import { searchJobListings } from '../db/search-job-listings.ts';
import { effectiveSort, searchFingerprint } from '../domain/job-search.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';
import { listingConnection, parseListingPage } from './listing-connection.ts';
import { filterInputOf, fromJobSort, parseJobSearch } from './search-args.ts';

const orderOf = { relevance: 'relevance', recency: 'newest', salary: 'salary' } as const;

/**
 * One page of a search. Its cursors carry the search's fingerprint; facets and the total are
 * counted only when the client selects them. A person's first page goes into their history.
 */
export const jobs: QueryResolvers['jobs'] = async (_parent, args, { db, principal }) => {
  const search = parseJobSearch(args);
  const sort = effectiveSort(search, args.sort ? fromJobSort(args.sort) : null);
  const fingerprint = searchFingerprint(search, sort);
  const page = parseListingPage(args, orderOf[sort], fingerprint);
  const remember =
    isUser(principal) && !isApiKeyPrincipal(principal) && page.after === null
      ? recordSearch(db, { userId: principal.userId, fingerprint, search, sort, filter: filterInputOf(search) })
      : Promise.resolve();
  const [rows] = await Promise.all([searchJobListings(db, search, sort, page), remember]);
  let facets: Promise<JobFacetCounts> | null = null;
  return { ...listingConnection(rows, page, fingerprint), facets: () => (facets ??= jobFacets(db, search)) };
};
