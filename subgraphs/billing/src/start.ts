import { fileURLToPath } from 'node:url';
import { createKysely } from '@jobgraph/db';
import { loadTypeDefs, serveSubgraph, type RunningService, type StartSubgraphOptions } from '@jobgraph/kit';
import type { Database } from './db/types.ts';
import { createLoaders } from './loaders.ts';
import { createResolvers } from './resolvers/index.ts';

export const schemaPath = fileURLToPath(new URL('./schema.graphql', import.meta.url));

export async function startBilling(options: StartSubgraphOptions): Promise<RunningService> {
  const db = createKysely<Database>({ url: options.databaseUrl, applicationName: 'jobgraph-billing', ...(options.onQuery ? { onQuery: options.onQuery } : {}) });
  return serveSubgraph(
    {
      name: 'billing',
      typeDefs: loadTypeDefs(schemaPath),
      resolvers: createResolvers(),
      createLoaders: (database) => createLoaders(database),
    },
    { db, internalToken: options.internalToken, logger: options.logger, ...(options.host ? { host: options.host } : {}), ...(options.port !== undefined ? { port: options.port } : {}), onStop: () => db.destroy() },
  );
}
