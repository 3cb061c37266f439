import { forbidden, isUuid, requireUser } from '@jobgraph/kit';
import { freeSubscription } from '../domain/free-subscription.ts';
import { canReadCredits, canReadSubscription } from '../domain/subscription-access.ts';
import type { UserResolvers } from '../generated/resolvers.ts';
import { commissionTotals } from '../domain/commissions.ts';
import { commissionConnection, totalsView } from './commission.ts';
import { userInvoices } from './invoice.ts';

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
  invoices: (user, args, { principal, db }) => {
    requireUser(principal);
    if (!canReadSubscription(principal, user.id)) throw forbidden('Only the user themself may see their invoices.');
    return userInvoices(user.id, args, db);
  },
  earnings: async (user, _args, { principal, db }) => {
    requireUser(principal);
    if (!canReadSubscription(principal, user.id)) throw forbidden('Only the user themself may see their earnings.');
    return totalsView(await commissionTotals(db, user.id));
  },
  commissions: (user, args, { principal, db }) => {
    requireUser(principal);
    if (!canReadSubscription(principal, user.id)) throw forbidden('Only the user themself may see their commissions.');
    return commissionConnection(db, user.id, args);
  },
  credits: (user, _args, { principal }) => {
    requireUser(principal);
    if (!canReadCredits(principal, user.id)) throw forbidden('Only the user themself may see their credits.');
    // A user id that is no uuid owns nothing: a zero balance, no SQL.
    return { userId: isUuid(user.id) ? user.id.toLowerCase() : user.id };
  },
};
