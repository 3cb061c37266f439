import { fileURLToPath } from 'node:url';
import { pipelineApplicationTopic, pipelineStageTopic, pipelineTaskTopic, startDomainSubgraph, type RunningService, type StartSubgraphOptions } from '@jobgraph/kit';
import { pipelineConfig } from './config.ts';
import type { Database } from './db/types.ts';
import { pipelineEventHandlers } from './events/handlers.ts';
import { pipelineJobs } from './jobs/pipeline-jobs.ts';
import { createLoaders } from './loaders.ts';
import { createResolvers } from './resolvers/index.ts';

export const schemaPath = fileURLToPath(new URL('./schema.graphql', import.meta.url));

export function startPipeline(options: StartSubgraphOptions): Promise<RunningService> {
  return startDomainSubgraph<Database, ReturnType<typeof createLoaders>>(
    {
      name: 'pipeline',
      schemaPath,
      publishes: [pipelineApplicationTopic, pipelineTaskTopic, pipelineStageTopic],
      handlers: pipelineEventHandlers(),
      createLoaders: (db, principal) => createLoaders(db, principal),
      setup: (db, env) => {
        const config = pipelineConfig(env);
        // h8: scheduled work (purge, follow-ups) on the kit's Postgres job queue
        return { resolvers: createResolvers({ db }), jobs: pipelineJobs(db, config) };
      },
    },
    options,
  );
}
