import { requireUser, unauthenticated } from '@jobgraph/kit';
import type { QueryResolvers } from '../generated/resolvers.ts';

export const viewer: QueryResolvers['viewer'] = async (_parent, _args, { principal, loaders }) => {
  const { userId } = requireUser(principal);
  const user = await loaders.userById.load(userId);
  if (!user) throw unauthenticated('This account no longer exists.');
  return user;
};
