import type { Resolvers } from '../generated/resolvers.ts';
import { BillingSubscription } from './billing-subscription.ts';
import { CreditBalance, CreditLedgerEntry } from './credit-balance.ts';
import { Entitlement, Plan } from './plan.ts';
import { plan, plans } from './query-plans.ts';
import { User } from './user.ts';

export function createResolvers(): Resolvers {
  return {
    Query: { plans, plan },
    Plan,
    Entitlement,
    BillingSubscription,
    CreditBalance,
    CreditLedgerEntry,
    User,
  };
}
