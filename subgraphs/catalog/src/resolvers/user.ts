import { isUser } from '@jobgraph/kit';
import type { UserResolvers } from '../generated/resolvers.ts';

/** Identity owns users; catalog knows only the id it adds fields to. */
export interface UserReference {
  readonly id: string;
}

export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  /** The user themself sees their memberships; anyone else an empty list (an error would null the whole user). */
  companyMemberships: async (user, _args, { principal, loaders }) =>
    isUser(principal) && principal.userId === user.id ? [...(await loaders.membershipsOfUser.load(user.id))] : [],
};
