import { readFileSync } from 'node:fs';
import { domainRolePassword, domainUrl, type Domain } from '@jobgraph/db';
import { createAccessTokenVerifier, createRevokedSessions, followSessionRevocations, identityApiKeyResolver, refusingRevokedSessions, remoteJwks, startGateway, type GatewayLimits, type RunningGateway, type StartGatewayOptions } from '@jobgraph/gateway';
import { createInternalTokenSigner, createInternalTokenVerifier, generateInternalKeyPair, type EventTransport, type InternalTokenSigner, type Logger, type RunningService, type Subscription } from '@jobgraph/kit';
import { subgraphModules } from './subgraph-modules.ts';
import { publicSupergraphPath } from './public-contract.ts';
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
  /** Called with every SQL statement a subgraph's Kysely runs (benchmarks count them per domain). */
  readonly onQuery?: (domain: Domain) => void;
}

export interface RunningStack {
  readonly gatewayUrl: string;
  readonly subgraphs: Readonly<Record<Domain, RunningService>>;
  /** Another gateway over the same subgraphs (same internal key), with some options changed; stopped with the stack. */
  startGateway(overrides: Partial<StartGatewayOptions>): Promise<RunningGateway>;
  /** The gateway's internal-token signer (what it vouches to subgraphs with). */
  readonly internalTokens: InternalTokenSigner;
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
          ...(options.onQuery ? { onQuery: () => options.onQuery?.(module.name) } : {}),
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
    const gatewayOptions: StartGatewayOptions = {
      supergraphSdl: readFileSync(supergraphPath, 'utf8'),
      publicSupergraphSdl: readFileSync(publicSupergraphPath, 'utf8'),
      apiKeys: identityApiKeyResolver({ identityUrl: subgraphs.identity.url, internalTokens, ...(options.apiKeyCacheMs !== undefined ? { cacheSeconds: options.apiKeyCacheMs / 1000 } : {}) }),
      subgraphUrls: Object.fromEntries(started.map((service) => [service.name, service.url])),
      accessTokens: refusingRevokedSessions(createAccessTokenVerifier(jwks), revoked),
      internalTokens,
      logger: options.logger.child({ service: 'gateway' }),
      ...(options.host ? { host: options.host } : {}),
      port: random ? 0 : 4000,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    };
    const gateway = await startGateway(gatewayOptions);
    const extraGateways: RunningGateway[] = [];
    return {
      gatewayUrl: gateway.url,
      subgraphs,
      internalTokens,
      async startGateway(overrides) {
        const extra = await startGateway({ ...gatewayOptions, port: 0, ...overrides });
        extraGateways.push(extra);
        return extra;
      },
      async stop() {
        await Promise.all(extraGateways.map((extra) => extra.stop()));
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
