import { fileURLToPath } from 'node:url';
import { createKysely } from '@jobgraph/db';
import { loadTypeDefs, pipelineApplicationTopic, pipelineTaskTopic, serveSubgraph, startDomainEvents, type RunningService, type StartSubgraphOptions } from '@jobgraph/kit';
import type { Database } from './db/types.ts';
import type { PipelineDeps } from './domain/deps.ts';
import { pipelineEventHandlers } from './events/handlers.ts';
import { createLoaders } from './loaders.ts';
import { createResolvers } from './resolvers/index.ts';

export const schemaPath = fileURLToPath(new URL('./schema.graphql', import.meta.url));

export async function startPipeline(options: StartSubgraphOptions): Promise<RunningService> {
  const db = createKysely<Database>({ url: options.databaseUrl, applicationName: 'jobgraph-pipeline', ...(options.onQuery ? { onQuery: options.onQuery } : {}) });
  const deps: PipelineDeps = { db };
  // The outbox relay for what pipeline publishes, and the `jobgraph.pipeline` consumer group.
  const events = options.events
    ? await startDomainEvents({
        domain: 'pipeline',
        db,
        databaseUrl: options.databaseUrl,
        transport: options.events,
        publishes: [pipelineApplicationTopic, pipelineTaskTopic],
        handlers: pipelineEventHandlers(),
        logger: options.logger,
      })
    : null;
  const stop = async () => {
    await events?.stop();
    await db.destroy();
  };
  try {
    return await serveSubgraph(
      {
        name: 'pipeline',
        typeDefs: loadTypeDefs(schemaPath),
        resolvers: createResolvers(deps),
        createLoaders: (database, principal) => createLoaders(database, principal),
      },
      { db, internalToken: options.internalToken, logger: options.logger, ...(options.host ? { host: options.host } : {}), ...(options.port !== undefined ? { port: options.port } : {}), onStop: stop },
    );
  } catch (error) {
    await stop();
    throw error;
  }
}
