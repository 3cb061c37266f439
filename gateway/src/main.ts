import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createInternalTokenSigner } from '@jobgraph/kit/internal-token';
import { createLogger } from '@jobgraph/kit/logger';
import { printConfigIfAsked } from '@jobgraph/kit/print-config';
import { createAccessTokenVerifier, remoteJwks } from './auth/access-token-verifier.ts';
import { identityApiKeyResolver } from './plugins/authentication/api-keys.ts';
import { gatewayEnv, gatewayEnvSchema, subgraphUrlsFrom } from './config.ts';
import { serveClustered } from './http/cluster.ts';

/** The gateway deployed on its own: serves the committed supergraph, never a live-introspected one. */
printConfigIfAsked('gateway', gatewayEnvSchema);
const env = gatewayEnv();
const logger = createLogger('gateway', env.LOG_LEVEL);
const supergraphPath = env.SUPERGRAPH_PATH ?? fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
const subgraphUrls = subgraphUrlsFrom(env);
const jwksUrl = env.IDENTITY_JWKS_URL ?? new URL('/.well-known/jwks.json', subgraphUrls.identity).toString();

const publicSupergraphPath = env.PUBLIC_SUPERGRAPH_PATH ?? fileURLToPath(new URL('../../schema/public.supergraph.graphql', import.meta.url));
const internalTokens = createInternalTokenSigner(env.INTERNAL_TOKEN_PRIVATE_JWK);

const workers = env.GATEWAY_WORKERS === 0 ? availableParallelism() : env.GATEWAY_WORKERS;
// Without Redis each worker keeps its own counters and sees about 1/workers of any caller's
// requests (connections are spread round-robin), so each enforces 1/workers of every limit.
const share = (n: number) => (env.REDIS_URL || workers <= 1 ? n : Math.max(1, n / workers));

// The primary only forks and supervises: the gateway's modules load in the workers.
const gateway = await serveClustered(workers, async () => (await import('./start-gateway.ts')).startGateway({
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
  demandControl: { maxOperationCost: env.MAX_OPERATION_COST, budgetCapacity: share(env.COST_BUDGET), budgetRefillPerSecond: share(env.COST_REFILL_PER_SECOND) },
  rateLimits: { perIp: { requests: Math.ceil(share(env.RATE_LIMIT_PER_IP_PER_MINUTE)), perSeconds: 60 }, perPrincipal: { requests: Math.ceil(share(env.RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE)), perSeconds: 60 } },
  resilience: { timeoutMs: env.SUBGRAPH_TIMEOUT_MS },
  ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
}));

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'draining');
    gateway.stop().then(() => process.exit(0), () => process.exit(1));
  });
}
