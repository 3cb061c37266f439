import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInternalTokenSigner } from '@jobgraph/kit/internal-token';
import { createLogger } from '@jobgraph/kit/logger';
import { printConfigIfAsked } from '@jobgraph/kit/print-config';
import { readTrustedDocuments } from './plugins/persisted-operations/manifest.ts';
import { gatewayEnv, gatewayEnvSchema, gatewayWorkers, subgraphUrlsFrom } from './config.ts';
import { serveClustered } from './http/cluster.ts';

/** The gateway deployed on its own: serves the committed supergraph, never a live-introspected one. */
printConfigIfAsked('gateway', gatewayEnvSchema);
const env = gatewayEnv();
const logger = createLogger('gateway', env.LOG_LEVEL);
// OpenTelemetry over OTLP when an endpoint is set; without one the SDK and its exporter are never loaded.
const tracing = process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? (await import('@jobgraph/kit/tracing')).startTracingFromEnv() : null;
const supergraphPath = env.SUPERGRAPH_PATH ?? fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
const subgraphUrls = subgraphUrlsFrom(env);

const publicSupergraphPath = env.PUBLIC_SUPERGRAPH_PATH ?? fileURLToPath(new URL('../../schema/public.supergraph.graphql', import.meta.url));
const internalTokens = createInternalTokenSigner(env.INTERNAL_TOKEN_PRIVATE_JWK);

const workers = gatewayWorkers(env.GATEWAY_WORKERS);
// Without Redis each worker keeps its own counters and sees about 1/workers of any caller's
// requests (connections are spread round-robin), so each enforces 1/workers of every limit.
const share = (n: number) => (env.REDIS_URL || workers <= 1 ? n : Math.max(1, n / workers));

// The primary only forks and supervises: the gateway's modules load in the workers.
const gateway = await serveClustered(workers, async () => {
  // Identity's session events over Kafka, a consumer group per instance: every worker hears every revocation.
  // The Kafka client loads only when configured.
  const events =
    env.EVENTS === 'kafka' && env.KAFKA_BROKERS
      ? (await import('@jobgraph/kit/events/kafka-transport')).createKafkaTransport({ brokers: env.KAFKA_BROKERS.split(',').map((broker) => broker.trim()).filter(Boolean), clientId: 'jobgraph-gateway', logger, ...(env.KAFKA_NAMESPACE ? { namespace: env.KAFKA_NAMESPACE } : {}) })
      : null;
  // The same wiring as the in-process stack: JWKS-verified access tokens minus revoked sessions, API keys through identity.
  const identity = await (await import('./auth/identity-authentication.ts')).startIdentityAuthentication({
    identityUrl: subgraphUrls.identity,
    ...(env.IDENTITY_JWKS_URL ? { jwksUrl: env.IDENTITY_JWKS_URL } : {}),
    internalTokens,
    events,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    apiKeyCacheSeconds: env.API_KEY_CACHE_SECONDS,
    logger,
  });
  const served = await (await import('./start-gateway.ts')).startGateway({
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    publicSupergraphSdl: readFileSync(publicSupergraphPath, 'utf8'),
    // Deployed: a new supergraph file is picked up without a restart.
    watchSupergraphFiles: { internal: supergraphPath, public: publicSupergraphPath },
    apiKeys: identity.apiKeys,
    subgraphUrls,
    accessTokens: identity.accessTokens,
    internalTokens,
    logger,
    host: env.HOST,
    port: env.PORT,
    trustedProxies: env.TRUSTED_PROXIES,
    limits: {
      maxDepth: env.MAX_DEPTH,
      maxAliases: env.MAX_ALIASES,
      maxTokens: env.MAX_TOKENS,
      maxBodyBytes: env.MAX_BODY_BYTES,
      maxRootFields: env.MAX_ROOT_FIELDS,
      maxDirectives: env.MAX_DIRECTIVES,
      maxExpandedFields: env.MAX_EXPANDED_FIELDS,
    },
    demandControl: { maxOperationCost: env.MAX_OPERATION_COST, budgetCapacity: share(env.COST_BUDGET), budgetRefillPerSecond: share(env.COST_REFILL_PER_SECOND) },
    rateLimits: { perIp: { requests: Math.ceil(share(env.RATE_LIMIT_PER_IP_PER_MINUTE)), perSeconds: 60 }, perPrincipal: { requests: Math.ceil(share(env.RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE)), perSeconds: 60 } },
    resilience: { timeoutMs: env.SUBGRAPH_TIMEOUT_MS },
    admission: { maxInFlight: env.MAX_IN_FLIGHT_OPERATIONS, maxQueued: env.MAX_QUEUED_OPERATIONS, maxWaitMs: env.QUEUE_TIMEOUT_MS, maxHoldMs: env.MAX_SLOT_HOLD_MS },
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
    metricsPort: env.METRICS_PORT,
    persistedOperations: {
      trusted: readTrustedDocuments(env.TRUSTED_DOCUMENTS_PATH ?? fileURLToPath(new URL('../../schema/client/persisted-operations.json', import.meta.url))),
      trustedOnly: env.PUBLIC_TRUSTED_DOCUMENTS_ONLY ? ['public'] : [],
      apqMaxEntries: env.APQ_MAX_ENTRIES,
      apqMaxBytes: env.APQ_MAX_BYTES,
    },
  });
  return {
    url: served.url,
    async stop() {
      await served.stop();
      await identity.stop();
      await events?.close();
    },
  };
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'draining');
    gateway
      .stop()
      .then(() => tracing?.stop())
      .then(() => process.exit(0), () => process.exit(1));
  });
}
