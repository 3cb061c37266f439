import { fileURLToPath } from 'node:url';
import { startDomainSubgraph, type RunningService, type StartSubgraphOptions } from '@jobgraph/kit';
import type { Database } from './db/types.ts';
import { billingHandlers, billingPublishes } from './events/handlers.ts';
import { createLoaders } from './loaders.ts';
import { createResolvers } from './resolvers/index.ts';

export const schemaPath = fileURLToPath(new URL('./schema.graphql', import.meta.url));

export function startBilling(options: StartSubgraphOptions): Promise<RunningService> {
  return startDomainSubgraph<Database, ReturnType<typeof createLoaders>>(
    {
      name: 'billing',
      schemaPath,
      publishes: billingPublishes,
      handlers: billingHandlers,
      createLoaders: (db) => createLoaders(db),
      setup: () => ({ resolvers: createResolvers() }),
    },
    options,
  );
}
