import { createHash } from 'node:crypto';
import type { ChargeRequest, ChargeResult, PaymentProvider } from './provider.ts';
import { testPaymentMethods } from './provider.ts';

/**
 * The provider `pnpm dev` and the tests use: it collects at once, and declines the
 * payment method Stripe's test mode declines (`pm_card_chargeDeclined`). Its reference is
 * derived from the idempotency key, as a real provider's would be stable under retries.
 */
export function createBuiltinProvider(): PaymentProvider {
  return {
    name: 'builtin',
    async charge(request: ChargeRequest): Promise<ChargeResult> {
      const providerRef = `bi_${createHash('sha256').update(request.idempotencyKey).digest('hex').slice(0, 24)}`;
      if (request.paymentMethod === testPaymentMethods.declined) return { status: 'failed', providerRef, reason: 'Your card was declined.' };
      return { status: 'paid', providerRef };
    },
  };
}
