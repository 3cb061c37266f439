import { readFileSync } from 'node:fs';
import { domainRolePassword, domainUrl, type Domain } from '@jobgraph/db';
import { cachedApiKeyResolver, createAccessTokenVerifier, identityApiKeyResolver, createRevokedSessions, followSessionRevocations, refusingRevokedSessions, remoteJwks, startGateway, type GatewayLimits } from '@jobgraph/gateway';
import { createInternalTokenSigner, createInternalTokenVerifier, generateInternalKeyPair, type EventTransport, type Logger, type RunningService, type Subscription } from '@jobgraph/kit';
import { subgraphModules } from './subgraph-modules.ts';
import { supergraphPath } from './supergraph.ts';

export interface StackOptions {
  /** Superuser URL of a provisioned, migrated database; each subgraph signs in as its own role. */
  readonly databaseAdminUrl: string;
  readonly logger: Logger;
  /** `default`: 4000 for the gateway, 4001–4005 for the subgraphs. `random`: free ports (tests). */
  readonly ports?: 'default' | 'random';
  readonly host?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly limits?: Partial<GatewayLimits>;
  /** Shared by every subgraph's relay and consumers; without one, no events flow. */
  readonly events?: EventTransport;
  /** The gateway's minimum wait between JWKS fetches (30 s by default). */
  readonly jwksCooldownMs?: number;
  /** Proxies whose x-forwarded-for the gateway believes. */
  readonly trustedProxies?: readonly string[];
  /** How long the gateway remembers an API key's answer (at most 30 s, the default). */
  readonly apiKeyCacheMs?: number;
}

export interface RunningStack {
  readonly gatewayUrl: string;
  readonly subgraphs: Readonly<Record<Domain, RunningService>>;
  stop(): Promise<void>;
}

/**
 * The five subgraphs and the gateway in this process, talking over real HTTP on
 * loopback, with a fresh internal signing key pair. The gateway serves the committed
 * supergraph, as in production.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const keys = await generateInternalKeyPair();
  const internalToken = createInternalTokenVerifier(keys.publicJwk);
  const random = options.ports === 'random';
  const started: RunningService[] = [];
  let revocations: Subscription | null = null;
  try {
    for (const module of subgraphModules) {
      started.push(
        await module.start({
          databaseUrl: domainUrl(options.databaseAdminUrl, module.name, domainRolePassword(module.name)),
          internalToken,
          logger: options.logger,
          ...(options.host ? { host: options.host } : {}),
          port: random ? 0 : module.defaultPort,
          env: options.env ?? process.env,
          ...(options.events ? { events: options.events } : {}),
        }),
      );
    }
    const subgraphs = Object.fromEntries(started.map((service) => [service.name, service])) as Record<Domain, RunningService>;
    // The gateway hears identity's SessionRevoked events and refuses those sessions' access tokens at once.
    const env = options.env ?? process.env;
    const revoked = createRevokedSessions(Number(env.ACCESS_TOKEN_TTL_SECONDS ?? 900));
    if (options.events) revocations = await followSessionRevocations(options.events, revoked, options.logger.child({ service: 'gateway' }));
    const jwks = remoteJwks(new URL('/.well-known/jwks.json', subgraphs.identity.url).toString(), { ...(options.jwksCooldownMs !== undefined ? { cooldownMs: options.jwksCooldownMs } : {}) });
    const internalTokens = createInternalTokenSigner(keys.privateJwk);
    const apiKeys = cachedApiKeyResolver(identityApiKeyResolver(new URL('/internal/api-keys/resolve', subgraphs.identity.url).toString(), internalTokens), options.apiKeyCacheMs);
    const gateway = await startGateway({
      supergraphSdl: readFileSync(supergraphPath, 'utf8'),
      subgraphUrls: Object.fromEntries(started.map((service) => [service.name, service.url])),
      accessTokens: refusingRevokedSessions(createAccessTokenVerifier(jwks), revoked),
      internalTokens,
      apiKeys,
      logger: options.logger.child({ service: 'gateway' }),
      ...(options.host ? { host: options.host } : {}),
      port: random ? 0 : 4000,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    });
    return {
      gatewayUrl: gateway.url,
      subgraphs,
      async stop() {
        await gateway.stop();
        await revocations?.stop();
        await Promise.all(started.map((service) => service.stop()));
      },
    };
  } catch (error) {
    await revocations?.stop();
    await Promise.allSettled(started.map((service) => service.stop()));
    throw error;
  }
}
