import { fileURLToPath } from 'node:url';
import { createKysely } from '@jobgraph/db';
import { loadTypeDefs, serveSubgraph, type RunningService, type StartSubgraphOptions } from '@jobgraph/kit';
import type { Database } from './db/types.ts';
import type { CatalogDeps } from './domain/deps.ts';
import { createLoaders } from './loaders.ts';
import { createResolvers } from './resolvers/index.ts';

export const schemaPath = fileURLToPath(new URL('./schema.graphql', import.meta.url));

export async function startCatalog(options: StartSubgraphOptions): Promise<RunningService> {
  const db = createKysely<Database>({ url: options.databaseUrl, applicationName: 'jobgraph-catalog', ...(options.onQuery ? { onQuery: options.onQuery } : {}) });
  const deps: CatalogDeps = { db, now: () => new Date() };
  return serveSubgraph(
    {
      name: 'catalog',
      typeDefs: loadTypeDefs(schemaPath),
      resolvers: createResolvers(deps),
      createLoaders: (database) => createLoaders(database),
    },
    { db, internalToken: options.internalToken, logger: options.logger, ...(options.host ? { host: options.host } : {}), ...(options.port !== undefined ? { port: options.port } : {}), onStop: () => db.destroy() },
  );
}
