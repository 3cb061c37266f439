import { readFileSync } from 'node:fs';
import type { LogEvent } from 'kysely';
import { domainRolePassword, domainUrl, type Domain } from '@jobgraph/db';
import { startGateway, startIdentityAuthentication, type GatewayLimits, type IdentityAuthentication, type RunningGateway, type StartGatewayOptions } from '@jobgraph/gateway';
import { createInternalTokenSigner, createInternalTokenVerifier, generateInternalKeyPair, type EventTransport, type InternalTokenSigner, type Logger, type RunningService } from '@jobgraph/kit';
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
  /** Called with every SQL statement a subgraph's Kysely runs, and its duration (benchmarks count and time them per domain). */
  readonly onQuery?: (domain: Domain, event: LogEvent) => void;
}

export interface RunningStack {
  readonly gatewayUrl: string;
  readonly subgraphs: Readonly<Record<Domain, RunningService>>;
  /** Another gateway over the same subgraphs (same internal key), with some options changed; stopped with the stack. */
  startGateway(overrides: Partial<StartGatewayOptions>): Promise<RunningGateway>;
  /** The gateway's internal-token signer (what it vouches to subgraphs with). */
  readonly internalTokens: InternalTokenSigner;
  /** Its private JWK, for a gateway started apart (as `gateway/src/main.ts`) over the same subgraphs. */
  readonly internalPrivateJwk: Readonly<Record<string, unknown>>;
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
  let identity: IdentityAuthentication | null = null;
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
          ...(options.onQuery ? { onQuery: (event: LogEvent) => options.onQuery?.(module.name, event) } : {}),
        }),
      );
    }
    const subgraphs = Object.fromEntries(started.map((service) => [service.name, service])) as Record<Domain, RunningService>;
    // The gateway hears identity's SessionRevoked events and refuses those sessions' access tokens at once;
    // the same wiring as the gateway deployed alone (gateway/src/main.ts).
    const env = options.env ?? process.env;
    const internalTokens = createInternalTokenSigner(keys.privateJwk);
    identity = await startIdentityAuthentication({
      identityUrl: subgraphs.identity.url,
      internalTokens,
      events: options.events ?? null,
      accessTokenTtlSeconds: Number(env.ACCESS_TOKEN_TTL_SECONDS ?? 900),
      ...(options.jwksCooldownMs !== undefined ? { jwksCooldownMs: options.jwksCooldownMs } : {}),
      ...(options.apiKeyCacheMs !== undefined ? { apiKeyCacheSeconds: options.apiKeyCacheMs / 1000 } : {}),
      logger: options.logger.child({ service: 'gateway' }),
    });
    const gatewayOptions: StartGatewayOptions = {
      supergraphSdl: readFileSync(supergraphPath, 'utf8'),
      publicSupergraphSdl: readFileSync(publicSupergraphPath, 'utf8'),
      apiKeys: identity.apiKeys,
      subgraphUrls: Object.fromEntries(started.map((service) => [service.name, service.url])),
      accessTokens: identity.accessTokens,
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
      internalPrivateJwk: keys.privateJwk,
      async startGateway(overrides) {
        const extra = await startGateway({ ...gatewayOptions, port: 0, ...overrides });
        extraGateways.push(extra);
        return extra;
      },
      async stop() {
        await Promise.all(extraGateways.map((extra) => extra.stop()));
        await gateway.stop();
        await identity?.stop();
        await Promise.all(started.map((service) => service.stop()));
      },
    };
  } catch (error) {
    await identity?.stop();
    await Promise.allSettled(started.map((service) => service.stop()));
    throw error;
  }
}
