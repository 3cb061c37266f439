import { fileURLToPath } from 'node:url';
import { createKysely } from '@jobgraph/db';
import { loadTypeDefs, serveSubgraph, type RunningService, type StartSubgraphOptions } from '@jobgraph/kit';

export const schemaPath = fileURLToPath(new URL('./schema.graphql', import.meta.url));

// SKELETON: replaced by the real subgraph.
export async function startCatalog(options: StartSubgraphOptions): Promise<RunningService> {
  const db = createKysely<unknown>({ url: options.databaseUrl, applicationName: 'jobgraph-catalog' });
  return serveSubgraph(
    { name: 'catalog', typeDefs: loadTypeDefs(schemaPath), resolvers: { Query: { catalogPlaceholder: () => true } }, createLoaders: () => ({}) },
    { db, internalToken: options.internalToken, logger: options.logger, ...(options.host ? { host: options.host } : {}), ...(options.port !== undefined ? { port: options.port } : {}), onStop: () => db.destroy() },
  );
}
