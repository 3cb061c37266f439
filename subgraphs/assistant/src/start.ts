import { fileURLToPath } from 'node:url';
import { startDomainSubgraph, type RunningService, type StartSubgraphOptions } from '@jobgraph/kit';
import { eicarScanner } from '@jobgraph/kit/blobs/index';
import { assistantBlobs } from './blob-config.ts';
import type { Database } from './db/types.ts';
import { assistantHandlers, assistantPublishes } from './events/handlers.ts';
import { createLoaders } from './loaders.ts';
import { createResolvers } from './resolvers/index.ts';

export const schemaPath = fileURLToPath(new URL('./schema.graphql', import.meta.url));

export async function startAssistant(options: StartSubgraphOptions): Promise<RunningService> {
  const blobs = assistantBlobs(options.env ?? process.env);
  const running = await startDomainSubgraph<Database, ReturnType<typeof createLoaders>>(
    {
      name: 'assistant',
      schemaPath,
      publishes: assistantPublishes,
      handlers: assistantHandlers,
      createLoaders: (db) => createLoaders(db),
      setup: (db) => ({ resolvers: createResolvers({ db, blobs: blobs.store, scan: eicarScanner }), routes: blobs.routes }),
    },
    options,
  );
  blobs.setOrigin(new URL(running.url).origin);
  return running;
}
