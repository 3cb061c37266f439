import { fileURLToPath } from 'node:url';
import { startDomainSubgraph, type RunningService, type StartSubgraphOptions } from '@jobgraph/kit';
import type { Database } from './db/types.ts';
import { catalogHandlers, catalogPublishes } from './events/handlers.ts';
import { createLoaders } from './loaders.ts';
import { createResolvers } from './resolvers/index.ts';

export const schemaPath = fileURLToPath(new URL('./schema.graphql', import.meta.url));

export function startCatalog(options: StartSubgraphOptions): Promise<RunningService> {
  return startDomainSubgraph<Database, ReturnType<typeof createLoaders>>(
    {
      name: 'catalog',
      schemaPath,
      publishes: catalogPublishes,
      handlers: catalogHandlers,
      createLoaders: (db) => createLoaders(db),
      setup: (db) => ({ resolvers: createResolvers({ db, now: () => new Date() }) }),
    },
    options,
  );
}
