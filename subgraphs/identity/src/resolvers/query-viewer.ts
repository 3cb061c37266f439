import { requireScope, unauthenticated } from '@jobgraph/kit';
import type { QueryResolvers } from '../generated/resolvers.ts';

export const viewer: QueryResolvers['viewer'] = async (_parent, _args, { principal, loaders }) => {
  // A partner API key reads the profile only with the profile:read scope.
  const { userId } = requireScope(principal, 'profile:read');
  const user = await loaders.userById.load(userId);
  if (!user) throw unauthenticated('This account no longer exists.');
  return user;
};
