import { fileURLToPath } from 'node:url';
import { createLogger, pipelineApplicationTopic, pipelineCalendarTopic, pipelineOutreachTopic, pipelineShortlistTopic, pipelineInboundEmailTopic, pipelineStageTopic, pipelineTaskTopic, startDomainSubgraph, type RunningService, type StartSubgraphOptions } from '@jobgraph/kit';
import { pipelineConfig } from './config.ts';
import type { Database } from './db/types.ts';
import { pipelineEventHandlers } from './events/handlers.ts';
import { pipelineJobs } from './jobs/pipeline-jobs.ts';
import { createLoaders } from './loaders.ts';
import { createResolvers } from './resolvers/index.ts';
import { calendarFeedPath, calendarFeedRoute } from './calendar/feed-route.ts';
// ---- Email ingestion (issue 9) ----
import { ruleClassifier } from './domain/email/rule-classifier.ts';
import { readInboundEmailSettings } from './email/settings.ts';
import { inboundEmailRoutes } from './email/webhooks.ts';
// ---- end email ingestion ----

export const schemaPath = fileURLToPath(new URL('./schema.graphql', import.meta.url));

export function startPipeline(options: StartSubgraphOptions): Promise<RunningService> {
  return startDomainSubgraph<Database, ReturnType<typeof createLoaders>>(
    {
      name: 'pipeline',
      schemaPath,
      publishes: [pipelineApplicationTopic, pipelineTaskTopic, pipelineStageTopic, pipelineCalendarTopic, pipelineOutreachTopic, pipelineShortlistTopic, /* email ingestion: */ pipelineInboundEmailTopic],
      handlers: pipelineEventHandlers(),
      createLoaders: (db, principal) => createLoaders(db, principal),
      setup: (db, env) => {
        const config = pipelineConfig(env);
        // ---- Email ingestion (issue 9): webhook routes beside /graphql, with the db in their closure ----
        const email = readInboundEmailSettings(env);
        const ingestion = { db, classifier: ruleClassifier, inboundDomain: email.inboundDomain };
        const routes = inboundEmailRoutes(ingestion, email, createLogger('pipeline').child({ component: 'inbound-email' }));
        // ---- end email ingestion ----
        // h8: scheduled work (purge, follow-ups) on the kit's Postgres job queue
        // h8: the iCalendar feed (PI-16) beside /graphql; the gateway forwards GET /calendar/feed.ics here
        const allRoutes = { ...routes, [calendarFeedPath]: calendarFeedRoute(db) };
        const resolvers = createResolvers({ db }, { inboundDomain: email.inboundDomain }, { feedUrl: config.PIPELINE_CALENDAR_FEED_URL });
        return { resolvers, routes: allRoutes, jobs: pipelineJobs(db, config) };
      },
    },
    options,
  );
}
