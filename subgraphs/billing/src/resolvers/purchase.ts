import { isUser } from '@jobgraph/kit';
import { canManageCompanyBilling } from '../domain/company-access.ts';
import type { PurchaseKind, PurchaseResolvers } from '../generated/resolvers.ts';

export const Purchase: PurchaseResolvers = {
  /** A purchase is seen by its company's owners and admins; anyone else's answers as if it did not exist. */
  __resolveReference: async (reference, { principal, loaders, db }) => {
    const purchase = await loaders.purchaseById.load(reference.id);
    return purchase && isUser(principal) && (await canManageCompanyBilling(db, principal.userId, purchase.company_id)) ? purchase : null;
  },
  kind: (purchase) => purchase.kind.toUpperCase() as PurchaseKind,
  companyId: (purchase) => purchase.company_id,
  jobListingId: (purchase) => purchase.job_listing_id,
  amount: (purchase) => ({ amountCents: purchase.amount_cents, currency: purchase.currency }),
  startsAt: (purchase) => purchase.starts_at,
  endsAt: (purchase) => purchase.ends_at,
  payment: async (purchase, _args, { loaders }) => {
    const payment = await loaders.paymentById.load(purchase.payment_id);
    if (!payment) throw new Error(`purchase ${purchase.id} refers to missing payment ${purchase.payment_id}`);
    return payment;
  },
};
