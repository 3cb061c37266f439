import { fileURLToPath } from 'node:url';
import { startDomainSubgraph, type RunningService, type StartSubgraphOptions } from '@jobgraph/kit';
import type { Database } from './db/types.ts';
import { assistantHandlers, assistantPublishes } from './events/handlers.ts';
import { createLoaders } from './loaders.ts';
import { createResolvers } from './resolvers/index.ts';

export const schemaPath = fileURLToPath(new URL('./schema.graphql', import.meta.url));

export function startAssistant(options: StartSubgraphOptions): Promise<RunningService> {
  return startDomainSubgraph<Database, ReturnType<typeof createLoaders>>(
    {
      name: 'assistant',
      schemaPath,
      publishes: assistantPublishes,
      handlers: assistantHandlers,
      createLoaders: (db) => createLoaders(db),
      setup: (db) => ({ resolvers: createResolvers({ db }) }),
    },
    options,
  );
}
