import type Stripe from 'stripe';
import type { BillingConfig } from './config.ts';
import { createBuiltinProvider } from './domain/payments/builtin-provider.ts';
import type { PaymentProvider } from './domain/payments/provider.ts';
import { createStripeProvider } from './domain/payments/stripe-provider.ts';

/** The provider the settings name: built-in by default, Stripe (or stripe-mock) when asked. */
export function paymentProviderFor(config: BillingConfig, stripe: Stripe): PaymentProvider {
  return config.BILLING_PAYMENT_PROVIDER === 'stripe' ? createStripeProvider(stripe) : createBuiltinProvider();
}
