import { fileURLToPath } from 'node:url';
import { createKysely } from '@jobgraph/db';
import { loadTypeDefs, serveSubgraph, startDomainEvents, type DomainEvents, type RunningService, type StartSubgraphOptions } from '@jobgraph/kit';
import type { Database } from './db/types.ts';
import type { CatalogDeps } from './domain/deps.ts';
import { catalogHandlers, catalogPublishes } from './events/handlers.ts';
import { createLoaders } from './loaders.ts';
import { createResolvers } from './resolvers/index.ts';

export const schemaPath = fileURLToPath(new URL('./schema.graphql', import.meta.url));

export async function startCatalog(options: StartSubgraphOptions): Promise<RunningService> {
  const db = createKysely<Database>({ url: options.databaseUrl, applicationName: 'jobgraph-catalog', ...(options.onQuery ? { onQuery: options.onQuery } : {}) });
  const deps: CatalogDeps = { db, now: () => new Date() };
  let events: DomainEvents | null = null;
  try {
    // Without a transport the outbox still fills; a relay started later publishes it.
    if (options.events) {
      events = await startDomainEvents({
        domain: 'catalog',
        db,
        databaseUrl: options.databaseUrl,
        transport: options.events,
        publishes: catalogPublishes,
        handlers: catalogHandlers,
        logger: options.logger,
      });
    }
    return await serveSubgraph(
      {
        name: 'catalog',
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
          // Consumer and relay first: a handler or a batch in flight still has its database.
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
