import { fileURLToPath } from 'node:url';
import { startDomainSubgraph, type RunningService, type StartSubgraphOptions } from '@jobgraph/kit';
import { billingConfig } from './config.ts';
import type { Database } from './db/types.ts';
import { createStripeClient } from './domain/payments/stripe-provider.ts';
import { billingHandlers, billingPublishes } from './events/handlers.ts';
import { createLoaders } from './loaders.ts';
import { paymentProviderFor } from './payment-provider.ts';
import { billingJobs } from './jobs/billing-jobs.ts';
import { createResolvers } from './resolvers/index.ts';
import { stripeWebhookPath, stripeWebhookRoute } from './webhook-route.ts';

export const schemaPath = fileURLToPath(new URL('./schema.graphql', import.meta.url));

export function startBilling(options: StartSubgraphOptions): Promise<RunningService> {
  return startDomainSubgraph<Database, ReturnType<typeof createLoaders>>(
    {
      name: 'billing',
      schemaPath,
      publishes: billingPublishes,
      handlers: billingHandlers,
      createLoaders: (db) => createLoaders(db),
      setup: (db, env) => {
        const config = billingConfig(env);
        const stripe = createStripeClient({ secretKey: config.STRIPE_SECRET_KEY, ...(config.STRIPE_API_BASE ? { apiBase: config.STRIPE_API_BASE } : {}) });
        const provider = paymentProviderFor(config, stripe);
        const webhook = stripeWebhookRoute(db, stripe, { secret: config.STRIPE_WEBHOOK_SECRET, toleranceSeconds: config.STRIPE_WEBHOOK_TOLERANCE_SECONDS }, options.logger.child({ route: stripeWebhookPath }));
        return { resolvers: createResolvers({ provider }), routes: { [stripeWebhookPath]: webhook }, jobs: billingJobs(db, provider, config) };
      },
    },
    options,
  );
}
