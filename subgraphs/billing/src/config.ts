import { z } from 'zod';
import { parseEnv } from '@jobgraph/kit';

const schema = z.object({
  /** `builtin` collects at once (dev, tests); `stripe` charges through the Stripe API. */
  BILLING_PAYMENT_PROVIDER: z.enum(['builtin', 'stripe']).default('builtin'),
  STRIPE_SECRET_KEY: z.string().min(1).default('sk_test_123'),
  /** Another API host, e.g. stripe-mock's `http://127.0.0.1:12111`; unset for api.stripe.com. */
  STRIPE_API_BASE: z.url().optional(),
  /** Signs the webhooks Stripe sends to `/webhooks/stripe`. Required outside development. */
  STRIPE_WEBHOOK_SECRET: z.string().min(8).default('whsec_jobgraph_development_only'),
  /** How old a webhook's signed timestamp may be; older ones are refused as replays. */
  STRIPE_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  /** When the renewal job charges and renews the subscriptions whose period has ended (cron, UTC). */
  BILLING_RENEWAL_CRON: z.string().min(9).default('*/10 * * * *'),
  /** When the expiry job lapses credits granted with an expiry that has passed (cron, UTC). */
  BILLING_CREDIT_EXPIRY_CRON: z.string().min(9).default('3 * * * *'),
});

export type BillingConfig = z.infer<typeof schema>;

export function billingConfig(env: NodeJS.ProcessEnv): BillingConfig {
  return parseEnv(schema, env);
}
