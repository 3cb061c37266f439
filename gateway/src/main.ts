import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInternalTokenSigner, createLogger, printConfigIfAsked, startTracingFromEnv } from '@jobgraph/kit';
import { createAccessTokenVerifier, remoteJwks } from './auth/access-token-verifier.ts';
import { identityApiKeyResolver } from './plugins/authentication/api-keys.ts';
import { readTrustedDocuments } from './plugins/persisted-operations/manifest.ts';
import { gatewayEnv, gatewayEnvSchema, subgraphUrlsFrom } from './config.ts';
import { startGateway } from './start-gateway.ts';

/** The gateway deployed on its own: serves the committed supergraph, never a live-introspected one. */
printConfigIfAsked('gateway', gatewayEnvSchema);
const env = gatewayEnv();
const logger = createLogger('gateway', env.LOG_LEVEL);
const tracing = startTracingFromEnv(); // OpenTelemetry over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set
const supergraphPath = env.SUPERGRAPH_PATH ?? fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
const subgraphUrls = subgraphUrlsFrom(env);
const jwksUrl = env.IDENTITY_JWKS_URL ?? new URL('/.well-known/jwks.json', subgraphUrls.identity).toString();

const publicSupergraphPath = env.PUBLIC_SUPERGRAPH_PATH ?? fileURLToPath(new URL('../../schema/public.supergraph.graphql', import.meta.url));
const internalTokens = createInternalTokenSigner(env.INTERNAL_TOKEN_PRIVATE_JWK);

const gateway = await startGateway({
  supergraphSdl: readFileSync(supergraphPath, 'utf8'),
  publicSupergraphSdl: readFileSync(publicSupergraphPath, 'utf8'),
  // Deployed: a new supergraph file is picked up without a restart.
  watchSupergraphFiles: { internal: supergraphPath, public: publicSupergraphPath },
  apiKeys: identityApiKeyResolver({ identityUrl: subgraphUrls.identity, internalTokens }),
  subgraphUrls,
  accessTokens: createAccessTokenVerifier(remoteJwks(jwksUrl)),
  internalTokens,
  logger,
  host: env.HOST,
  port: env.PORT,
  limits: {
    maxDepth: env.MAX_DEPTH,
    maxAliases: env.MAX_ALIASES,
    maxTokens: env.MAX_TOKENS,
    maxBodyBytes: env.MAX_BODY_BYTES,
    maxRootFields: env.MAX_ROOT_FIELDS,
    maxDirectives: env.MAX_DIRECTIVES,
    maxExpandedFields: env.MAX_EXPANDED_FIELDS,
  },
  demandControl: { maxOperationCost: env.MAX_OPERATION_COST, budgetCapacity: env.COST_BUDGET, budgetRefillPerSecond: env.COST_REFILL_PER_SECOND },
  rateLimits: { perIp: { requests: env.RATE_LIMIT_PER_IP_PER_MINUTE, perSeconds: 60 }, perPrincipal: { requests: env.RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE, perSeconds: 60 } },
  resilience: { timeoutMs: env.SUBGRAPH_TIMEOUT_MS },
  ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
  metricsPort: env.METRICS_PORT,
  persistedOperations: {
    trusted: readTrustedDocuments(env.TRUSTED_DOCUMENTS_PATH ?? fileURLToPath(new URL('../../schema/client/persisted-operations.json', import.meta.url))),
    trustedOnly: env.PUBLIC_TRUSTED_DOCUMENTS_ONLY ? ['public'] : [],
    apqMaxEntries: env.APQ_MAX_ENTRIES,
    apqMaxBytes: env.APQ_MAX_BYTES,
  },
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
