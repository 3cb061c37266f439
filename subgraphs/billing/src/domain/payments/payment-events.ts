import type { PaymentData } from '@jobgraph/kit';
import type { Payment } from '../../db/types.ts';

/** A payment as the billing.payment.v1 events carry it. */
export function paymentEventData(payment: Payment): PaymentData {
  const purpose = payment.purpose;
  const subscriptionId = purpose.kind === 'renewal' || purpose.kind === 'upgrade' ? purpose.subscriptionId : null;
  return {
    paymentId: payment.id,
    userId: payment.user_id,
    companyId: payment.company_id,
    kind: payment.kind,
    amountCents: payment.amount_cents,
    currency: payment.currency,
    provider: payment.provider,
    subscriptionId,
  };
}
