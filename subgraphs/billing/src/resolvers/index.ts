import { requireRole } from '@jobgraph/kit';
import type { PaymentProvider } from '../domain/payments/provider.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { BillingSubscription } from './billing-subscription.ts';
import { CreditBalance, CreditLedgerEntry } from './credit-balance.ts';
import { Entitlement, Plan } from './plan.ts';
import { Invoice, InvoiceLine, invoice } from './invoice.ts';
import { Commission, commissionConnection, totalsView } from './commission.ts';
import { billingMutations } from './mutation-billing.ts';
import { Purchase } from './purchase.ts';
import { CreditPack, Payment } from './payment.ts';
import { plan, plans } from './query-plans.ts';
import { billingSubscription, companySubscription, creditPacks, payment } from './query-billing.ts';
import { User } from './user.ts';

export interface ResolverDependencies {
  readonly provider: PaymentProvider;
}

export function createResolvers({ provider }: ResolverDependencies): Resolvers {
  return {
    Query: {
      plans,
      plan,
      creditPacks,
      billingSubscription,
      companySubscription,
      payment,
      invoice,
      commissions: (_parent, args, { principal, db }) => {
        requireRole(principal, 'admin');
        return commissionConnection(db, null, args);
      },
    },
    Commission,
    CommissionConnection: { totals: async (connection) => totalsView(await connection.totals()) },
    Purchase,
    Invoice,
    InvoiceLine,
    Mutation: billingMutations(provider),
    Payment,
    CreditPack,
    Plan,
    Entitlement,
    BillingSubscription,
    CreditBalance,
    CreditLedgerEntry,
    User,
  };
}
