import { fileURLToPath } from 'node:url';
import { createKysely } from '@jobgraph/db';
import { loadTypeDefs, serveSubgraph, startDomainEvents, type DomainEvents, type RunningService, type StartSubgraphOptions } from '@jobgraph/kit';
import type { Database } from './db/types.ts';
import type { AssistantDeps } from './domain/deps.ts';
import { assistantHandlers, assistantPublishes } from './events/handlers.ts';
import { createLoaders } from './loaders.ts';
import { createResolvers } from './resolvers/index.ts';

export const schemaPath = fileURLToPath(new URL('./schema.graphql', import.meta.url));

export async function startAssistant(options: StartSubgraphOptions): Promise<RunningService> {
  const db = createKysely<Database>({ url: options.databaseUrl, applicationName: 'jobgraph-assistant', ...(options.onQuery ? { onQuery: options.onQuery } : {}) });
  const deps: AssistantDeps = { db };
  let events: DomainEvents | null = null;
  try {
    if (options.events) {
      events = await startDomainEvents({
        domain: 'assistant',
        db,
        databaseUrl: options.databaseUrl,
        transport: options.events,
        publishes: assistantPublishes,
        handlers: assistantHandlers,
        logger: options.logger,
      });
    }
    return await serveSubgraph(
      {
        name: 'assistant',
        typeDefs: loadTypeDefs(schemaPath),
        resolvers: createResolvers(deps),
        createLoaders: (database) => createLoaders(database),
      },
      {
        db,
        internalToken: options.internalToken,
        logger: options.logger,
        ...(options.host ? { host: options.host } : {}),
        ...(options.port !== undefined ? { port: options.port } : {}),
        onStop: async () => {
          // Consumers first: a handler in flight still has its database.
          await events?.stop();
          await db.destroy();
        },
      },
    );
  } catch (error) {
    // Not serving (a taken port, an unreachable broker): release what was started.
    await events?.stop();
    await db.destroy();
    throw error;
  }
}
