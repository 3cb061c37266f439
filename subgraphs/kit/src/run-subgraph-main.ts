import { z } from 'zod';
import { domainRolePassword, domainUrl } from '@jobgraph/db';
import { jwkFromEnv, parseEnv } from './env.ts';
import { createInternalTokenVerifier } from './internal-token.ts';
import { createKafkaTransport } from './events/kafka-transport.ts';
import { createLogger } from './logger.ts';
import { printConfigIfAsked } from './print-config.ts';
import type { SubgraphModule } from './subgraph-module.ts';
import { startTracingFromEnv } from './tracing.ts';

/** What every subgraph's own entry point reads; each domain adds its settings in `setup`. */
export const subgraphEnv = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).describe('admin or domain URL of the Postgres database'),
  INTERNAL_TOKEN_PUBLIC_JWK: jwkFromEnv,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KAFKA_BROKERS: z.string().optional().describe('comma-separated host:port list; the relay and consumer group run over Kafka'),
  KAFKA_NAMESPACE: z.string().regex(/^[a-z0-9-]*$/).optional().describe('prefix keeping stacks that share a cluster apart'),
  EVENTS: z.enum(['kafka', 'off']).default('kafka').describe('`off` runs the API alone, publishing and consuming nothing'),
}).refine((env) => env.EVENTS === 'off' || Boolean(env.KAFKA_BROKERS?.trim()), {
  path: ['KAFKA_BROKERS'],
  // Checked even when other variables are wrong, so the operator sees every problem at once.
  when: () => true,
  message: 'required: a subgraph without its relay and consumers loses cross-domain effects (set EVENTS=off to run the API alone on purpose)',
});

/**
 * Entry point of a subgraph deployed on its own: validates the environment, serves the
 * API and runs the domain's outbox relay and consumer group over Kafka, and on
 * SIGTERM/SIGINT drains requests, stops consumers, then closes the pool and the producer.
 */
export async function runSubgraphMain(module: SubgraphModule): Promise<void> {
  printConfigIfAsked(module.name, subgraphEnv);
  const env = parseEnv(subgraphEnv);
  const logger = createLogger(module.name, env.LOG_LEVEL);
  const tracing = startTracingFromEnv(); // OpenTelemetry over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set
  // `<DOMAIN>_DATABASE_URL` wins; else the domain role on the server DATABASE_URL names.
  const databaseUrl = process.env[`${module.name.toUpperCase()}_DATABASE_URL`] ?? domainUrl(env.DATABASE_URL, module.name, domainRolePassword(module.name));
  const events =
    env.EVENTS === 'kafka' && env.KAFKA_BROKERS
      ? createKafkaTransport({ brokers: env.KAFKA_BROKERS.split(',').map((broker) => broker.trim()).filter(Boolean), clientId: `jobgraph-${module.name}`, logger, ...(env.KAFKA_NAMESPACE ? { namespace: env.KAFKA_NAMESPACE } : {}) })
      : null;
  if (!events) logger.warn('EVENTS=off: this instance runs no outbox relay and no consumers');
  const service = await module.start({
    ...(events ? { events } : {}),
    databaseUrl,
    internalToken: createInternalTokenVerifier(env.INTERNAL_TOKEN_PUBLIC_JWK),
    logger,
    host: env.HOST,
    port: env.PORT ?? module.defaultPort,
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'draining');
    service
      .stop()
      .then(() => events?.close())
      .then(() => tracing?.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
