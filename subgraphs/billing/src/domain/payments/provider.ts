/** One charge a provider is asked to collect. */
export interface ChargeRequest {
  /** Billing's payment id; the provider echoes it back in webhooks (metadata). */
  readonly paymentId: string;
  readonly amountCents: number;
  readonly currency: string;
  /** Billing's payer (a user id); the provider keeps its own customer for it. */
  readonly payerId: string;
  readonly description: string;
  /** A provider payment-method token (e.g. `pm_card_visa`); never card data. */
  readonly paymentMethod: string;
  /** Sent to the provider: a retried request collects once. */
  readonly idempotencyKey: string;
}

export type ChargeResult =
  | { readonly status: 'paid'; readonly providerRef: string }
  /** Collected later: a webhook says whether it succeeded. */
  | { readonly status: 'pending'; readonly providerRef: string }
  | { readonly status: 'failed'; readonly providerRef: string | null; readonly reason: string };

/** What billing makes of a verified webhook event. */
export type ProviderEvent =
  | { readonly id: string; readonly type: string; readonly kind: 'payment_succeeded'; readonly paymentId: string; readonly providerRef: string }
  | { readonly id: string; readonly type: string; readonly kind: 'payment_failed'; readonly paymentId: string; readonly providerRef: string; readonly reason: string }
  | { readonly id: string; readonly type: string; readonly kind: 'ignored' };

/** The one interface billing charges through: the built-in provider (dev, tests) or Stripe. */
export interface PaymentProvider {
  readonly name: string;
  charge(request: ChargeRequest): Promise<ChargeResult>;
}

/** Card tokens the built-in provider understands, after Stripe's test payment methods. */
export const testPaymentMethods = { visa: 'pm_card_visa', declined: 'pm_card_chargeDeclined' } as const;
