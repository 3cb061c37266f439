import type { QueryResolvers } from '../generated/resolvers.ts';
import { visibleListing } from './visible-listing.ts';

export const job: QueryResolvers['job'] = (_parent, { id }, context) => visibleListing(context, id);
