import type { CreditPackResolvers, PaymentKind, PaymentResolvers, PaymentStatus } from '../generated/resolvers.ts';

export const Payment: PaymentResolvers = {
  /** Someone else's payment answers as if it did not exist. */
  __resolveReference: async (reference, { principal, loaders }) => {
    const payment = await loaders.paymentById.load(reference.id);
    return payment && principal.kind === 'user' && payment.user_id === principal.userId.toLowerCase() ? payment : null;
  },
  kind: (payment) => payment.kind.toUpperCase() as PaymentKind,
  amount: (payment) => ({ amountCents: payment.amount_cents, currency: payment.currency }),
  status: (payment) => payment.status.toUpperCase() as PaymentStatus,
  failureReason: (payment) => payment.failure_reason,
  createdAt: (payment) => payment.created_at,
  paidAt: (payment) => payment.paid_at,
};

export const CreditPack: CreditPackResolvers = {
  price: (pack) => ({ amountCents: pack.price_cents, currency: pack.currency }),
};
