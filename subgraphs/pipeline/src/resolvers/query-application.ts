import type { QueryResolvers } from '../generated/resolvers.ts';
import { requireViewerId } from './viewer.ts';

/** An application the viewer may read (domain/access.ts); any other id answers null, exactly like an unknown one. */
export const application: QueryResolvers['application'] = (_parent, { id }, { principal, loaders }) => {
  requireViewerId(principal);
  return loaders.applicationById.load(id);
};
