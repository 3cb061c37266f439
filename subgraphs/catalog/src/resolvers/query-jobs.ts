import { searchJobListings } from '../db/search-job-listings.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';
import { listingConnection, parseListingPage } from './listing-connection.ts';
import { parseJobSearch } from './search-args.ts';

export const jobs: QueryResolvers['jobs'] = async (_parent, args, { db }) => {
  const search = parseJobSearch(args);
  const page = parseListingPage(args, search.text === null ? 'newest' : 'relevance');
  return listingConnection(await searchJobListings(db, search, page), page);
};
