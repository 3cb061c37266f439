import { forbidden, requireUser } from '@jobgraph/kit';
import { freeSubscription } from '../domain/free-subscription.ts';
import { canReadSubscription } from '../domain/subscription-access.ts';
import type { UserResolvers } from '../generated/resolvers.ts';

/** Identity owns users; here a user is only the id the gateway hands over. */
export interface UserReference {
  readonly id: string;
}

export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  subscription: async (user, _args, { principal, loaders }) => {
    requireUser(principal);
    if (!canReadSubscription(principal, user.id)) throw forbidden('Only the user themself may see their subscription.');
    return (await loaders.liveSubscriptionByUserId.load(user.id)) ?? freeSubscription(user.id, new Date());
  },
};
