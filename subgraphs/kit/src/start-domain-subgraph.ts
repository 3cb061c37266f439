import type { Kysely } from 'kysely';
import { createKysely, type Domain } from '@jobgraph/db';
import { startDomainEvents, type DomainEvents } from './domain-events.ts';
import type { HandlerRegistration } from './events/event-consumer.ts';
import type { EventTables } from './events/event-tables.ts';
import { startJobQueue, type JobDefinition, type JobQueue } from './jobs/job-queue.ts';
import type { InternalTokenVerifier } from './internal-token.ts';
import type { Logger } from './logger.ts';
import type { Principal } from './principal.ts';
import { serveSubgraph, type RouteHandler, type RunningService } from './serve-subgraph.ts';
import { loadTypeDefs, type StartSubgraphOptions } from './subgraph-module.ts';

/** What a domain's resolvers and routes need, made once per process from its database. */
export interface DomainServing {
  readonly resolvers: object;
  readonly routes?: Readonly<Record<string, RouteHandler>>;
  /** Scheduled and on-demand work, run on the domain's Postgres-backed job queue (jobs/job-queue.ts). */
  readonly jobs?: readonly JobDefinition[];
  /** Background work the domain started in `setup` (a mail relay, say), stopped before the pool closes. */
  readonly stop?: () => Promise<void>;
}

/** What the runner hands a domain's setup besides its database. */
export interface DomainServices {
  /** Verifies the gateway's internal token, for internal routes the gateway calls (identity's API-key resolution). */
  readonly internalToken: InternalTokenVerifier;
  readonly logger: Logger;
}

/** Everything that sets one domain's subgraph apart from the others. */
export interface DomainSubgraph<DB extends EventTables, Loaders> {
  readonly name: Domain;
  readonly schemaPath: string;
  /** Topics the domain's outbox relay publishes to. */
  readonly publishes: readonly string[];
  /** What the domain's consumer group `jobgraph.<name>` reacts to. */
  readonly handlers: readonly HandlerRegistration<DB>[];
  createLoaders(db: Kysely<DB>, principal: Principal): Loaders;
  /** Builds the resolvers (and routes) once, e.g. after reading the domain's own settings from `env`. */
  setup(db: Kysely<DB>, env: NodeJS.ProcessEnv, services: DomainServices): DomainServing | Promise<DomainServing>;
}

/**
 * Starts a domain's subgraph: its Kysely pool signed in as the domain role, its part in
 * the event backbone when a transport is given, its job queue when it has jobs, and the
 * HTTP server. Stopping drains requests, then stops the job workers and the consumers
 * (work in flight still has its database), then closes the pool; a start that fails half-way releases what it had started.
 */
export async function startDomainSubgraph<DB extends EventTables, Loaders>(subgraph: DomainSubgraph<DB, Loaders>, options: StartSubgraphOptions): Promise<RunningService> {
  const db = createKysely<DB>({ url: options.databaseUrl, applicationName: `jobgraph-${subgraph.name}`, ...(options.onQuery ? { onQuery: options.onQuery } : {}) });
  let events: DomainEvents | null = null;
  let jobs: JobQueue | null = null;
  let serving: DomainServing | null = null;
  const release = async () => {
    await jobs?.stop();
    await serving?.stop?.();
    await events?.stop();
    await db.destroy();
  };
  try {
    serving = await subgraph.setup(db, options.env ?? process.env, { internalToken: options.internalToken, logger: options.logger });
    if (options.events) {
      events = await startDomainEvents({
        domain: subgraph.name,
        db,
        databaseUrl: options.databaseUrl,
        transport: options.events,
        publishes: subgraph.publishes,
        handlers: subgraph.handlers,
        logger: options.logger,
      });
    }
    if (serving.jobs && serving.jobs.length > 0) {
      jobs = await startJobQueue({ databaseUrl: options.databaseUrl, schema: subgraph.name, jobs: serving.jobs, logger: options.logger });
    }
    return await serveSubgraph(
      {
        name: subgraph.name,
        typeDefs: loadTypeDefs(subgraph.schemaPath),
        resolvers: serving.resolvers,
        createLoaders: (database, principal) => subgraph.createLoaders(database, principal),
        ...(serving.routes ? { routes: serving.routes } : {}),
      },
      {
        db,
        internalToken: options.internalToken,
        logger: options.logger,
        ...(options.host ? { host: options.host } : {}),
        ...(options.port !== undefined ? { port: options.port } : {}),
        onStop: release,
      },
    );
  } catch (error) {
    await release();
    throw error;
  }
}
