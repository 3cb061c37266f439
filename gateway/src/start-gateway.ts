import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
// Kit modules by path, not its index: the index loads Kafka, job-queue and mail code a gateway never runs.
import { requestIdOf } from '@jobgraph/kit/request-id';
import { answerFailedRequest, listen, sendGraphQLResponse } from '@jobgraph/kit/http';
import type { InternalTokenSigner } from '@jobgraph/kit/internal-token';
import type { Logger } from '@jobgraph/kit/logger';
import { anonymous } from '@jobgraph/kit/principal';
import type { AccessTokenVerifier } from './auth/access-token-verifier.ts';
import { clientOf, trustedProxies } from './auth/client-address.ts';
import type { GatewayContext } from './context.ts';
import { EdgeRefusal, type EdgeCall, type EdgePlugin, type Endpoint } from './edge.ts';
import { graphiqlAssetPrefix, sendGraphiQLAsset, sendGraphiQLPage, wantsGraphiQL } from './graphiql/graphiql-route.ts';
import { readOperation, searchOf } from './http/read-operation.ts';
import { sendRefusal } from './http/send.ts';
import { authentication } from './plugins/authentication/index.ts';
import { authorization } from './plugins/authorization/index.ts';
import { accessRulesOf, type AccessRules } from './plugins/authorization/rules.ts';
import { supergraphForApolloGateway } from './plugins/authorization/gateway-supergraph.ts';
import type { ApiKeyResolver } from './plugins/authentication/api-keys.ts';
import { demandControl } from './plugins/demand-control/index.ts';
import { defaultCostModel, type CostModel } from './plugins/demand-control/cost.ts';
import { memoryTokenBuckets, redisTokenBuckets } from './plugins/demand-control/token-bucket.ts';
import { requestRateLimit } from './plugins/rate-limits/index.ts';
import { persistedOperations } from './plugins/persisted-operations/index.ts';
import type { TrustedDocuments } from './plugins/persisted-operations/manifest.ts';
import { rootTypes } from './plugins/root-types/index.ts';
import { hotReloadedSupergraph } from './plugins/hot-reload/index.ts';
import { readiness } from './plugins/health/index.ts';
import { createResilientDataSource, defaultResilience, type ResilienceOptions } from './plugins/resilience/index.ts';
import { webhookForwarding, webhookPrefix } from './plugins/webhooks/index.ts';
import { calendarFeedForwarding, calendarFeedPath } from './plugins/calendar-feed/index.ts';
import { maskGatewayErrors, maskedErrorLog } from './plugins/error-masking/index.ts';
import { inputSanity } from './plugins/input-sanity/index.ts';
import { defaultOperationLimits, operationLimits, type OperationLimitsOptions } from './plugins/operation-limits/index.ts';
import { requestLogPlugin } from './plugins/request-log/index.ts';
import { gatewayMetrics, serveMetrics, type MetricsServer } from './plugins/observability/metrics.ts';
import { requestTracing } from './plugins/observability/tracing.ts';
import { createDocumentCache } from './prepared-documents.ts';
import { validateScalarsAtTheEdge } from './scalars/validate-scalars.ts';
import { createSubgraphFetcher } from './subgraph-fetcher.ts';
import { withSubgraphTransport } from './http/subgraph-transport.ts';
import { createAdmission, defaultAdmission, type AdmissionOptions, type Release } from './http/admission.ts';

export interface GatewayLimits extends OperationLimitsOptions {
  readonly maxTokens: number;
  readonly maxBodyBytes: number;
}

export const defaultLimits: GatewayLimits = { ...defaultOperationLimits, maxTokens: 5000, maxBodyBytes: 100_000 };

export interface DemandControlSettings {
  /** Cost points a principal's bucket holds, and how fast it refills. */
  readonly budgetCapacity: number;
  readonly budgetRefillPerSecond: number;
  readonly maxOperationCost: number;
  readonly model: CostModel;
}

export const defaultDemandControl: DemandControlSettings = { budgetCapacity: 20_000, budgetRefillPerSecond: 200, maxOperationCost: 5_000, model: defaultCostModel };

export interface RateLimitSettings {
  readonly perIp: { readonly requests: number; readonly perSeconds: number };
  readonly perPrincipal: { readonly requests: number; readonly perSeconds: number };
}

export const defaultRateLimits: RateLimitSettings = { perIp: { requests: 3000, perSeconds: 60 }, perPrincipal: { requests: 1200, perSeconds: 60 } };

export interface PersistedOperationSettings {
  /** Trusted documents by id (`readTrustedDocuments` of the manifest `pnpm persisted:build` writes). */
  readonly trusted: TrustedDocuments;
  /** Graphs that run trusted documents only. */
  readonly trustedOnly: readonly Endpoint[];
  /** Automatic persisted queries remembered per gateway (first-party graph only): at most so many, of at most so many bytes in all. */
  readonly apqMaxEntries: number;
  readonly apqMaxBytes: number;
}

export const defaultPersistedOperations: PersistedOperationSettings = { trusted: new Map(), trustedOnly: [], apqMaxEntries: 1000, apqMaxBytes: 5_000_000 };

export interface StartGatewayOptions {
  readonly supergraphSdl: string;
  /** The partners' contract (schema/public.supergraph.graphql), served at /public/graphql. */
  readonly publicSupergraphSdl?: string;
  /** Supergraph files to watch: a change reloads that graph without a restart. */
  readonly watchSupergraphFiles?: Partial<Record<Endpoint, string>>;
  /** Resolves partner API keys (identity's /internal/api-keys/resolve). */
  readonly apiKeys?: ApiKeyResolver;
  /** Where each subgraph named in the supergraph listens now. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly accessTokens: AccessTokenVerifier;
  readonly internalTokens: InternalTokenSigner;
  readonly logger: Logger;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly limits?: Partial<GatewayLimits>;
  readonly resilience?: Partial<ResilienceOptions>;
  readonly demandControl?: Partial<DemandControlSettings>;
  readonly rateLimits?: Partial<RateLimitSettings>;
  readonly persistedOperations?: Partial<PersistedOperationSettings>;
  /** In-flight operation limit: at most so many execute, the rest wait in arrival order or are refused 503 `OVERLOADED`. */
  readonly admission?: Partial<AdmissionOptions>;
  /** Where the budgets and rate counters live when several gateways share them; in memory without it. */
  readonly redisUrl?: string;
  /** Largest webhook body forwarded to a subgraph (1 MB by default). */
  readonly maxWebhookBodyBytes?: number;
  /** Proxies (addresses or CIDR ranges) whose x-forwarded-for names the client; none by default. */
  readonly trustedProxies?: readonly string[];
  /** Identical queries in flight for one principal share one subgraph call (on by default). */
  readonly dedupeSubgraphCalls?: boolean;
  /** `request` (default): undici's request API on the pool; `fetch`: WHATWG fetch, as before (kept for the benchmark's comparison). */
  readonly subgraphTransport?: 'request' | 'fetch';
  /** Serve Prometheus `/metrics` on this port (0 picks a free one), apart from the API; not served without it. */
  readonly metricsPort?: number;
}

export interface RunningGateway {
  readonly url: string;
  readonly port: number;
  /** Where Prometheus scrapes the gateway, when `metricsPort` was given. */
  readonly metricsUrl: string | null;
  stop(): Promise<void>;
}

export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  // @apollo/gateway otherwise reports usage to Apollo and probes cloud metadata endpoints (169.254.169.254) from the edge.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const limits = { ...defaultLimits, ...options.limits };
  const logger = options.logger;
  const proxies = trustedProxies(options.trustedProxies ?? []);
  const fetcher = createSubgraphFetcher();
  const httpServer = createServer();
  const documents = createDocumentCache({ maxTokens: limits.maxTokens });
  const demand = { ...defaultDemandControl, ...options.demandControl };
  const rates = { ...defaultRateLimits, ...options.rateLimits };
  const persisted = { ...defaultPersistedOperations, ...options.persistedOperations };
  const admission = createAdmission({ ...defaultAdmission, ...options.admission });
  // The Redis client loads only when shared counters are configured.
  const redis = options.redisUrl ? new (await import('ioredis')).Redis(options.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true }) : undefined;
  const metrics = gatewayMetrics();
  const tracing = requestTracing();
  metrics.admission(admission);

  // What the gateway does to every call, in order. `onRequest` hooks run before the
  // body is read; `onOperation` hooks once the document is parsed, before execution.
  const plugins: EdgePlugin[] = [
    metrics.edge, // when the call started, for the latency histogram
    tracing.edge, // the call's span (OpenTelemetry), child of the client's traceparent
    requestRateLimit({ by: 'ip', ...rates.perIp, ...(redis ? { redis } : {}), observer: metrics.rateLimits }), // requests per address, before anything else is spent
    authentication({ accessTokens: options.accessTokens, ...(options.apiKeys ? { apiKeys: options.apiKeys } : {}) }), // access token or partner API key → principal, or 401
    requestRateLimit({ by: 'principal', ...rates.perPrincipal, ...(redis ? { redis } : {}), observer: metrics.rateLimits }), // requests per API key or user
    operationLimits(limits), // depth, aliases, root fields, directives, expanded size: linear, cached per document
    inputSanity(), // no NUL or lone surrogate in any string input
    rootTypes({ schema: (endpoint) => graphs[endpoint]?.schema ?? null }), // no mutations on a graph without them (the public contract)
    authorization({ rules: (endpoint) => graphs[endpoint]?.rules ?? null, schema: (endpoint) => graphs[endpoint]?.schema ?? null }), // @authenticated / @requiresScopes: 401 or 403 naming the field, nothing run
    demandControl({
      // static cost per operation, drawn from the principal's token bucket; announced in extensions.cost
      budgets: redis ? redisTokenBuckets(redis, { capacity: demand.budgetCapacity, refillPerSecond: demand.budgetRefillPerSecond }) : memoryTokenBuckets({ capacity: demand.budgetCapacity, refillPerSecond: demand.budgetRefillPerSecond }),
      maxOperationCost: demand.maxOperationCost,
      model: demand.model,
      schema: (endpoint) => graphs[endpoint]?.schema ?? null,
      observer: metrics.demand,
    }),
    persistedOperations({
      // APQ and trusted documents: resolves a persisted id before parsing (onBody); registers an APQ query last, once all else passed
      trusted: persisted.trusted,
      trustedOnly: new Set(persisted.trustedOnly),
      apq: { endpoints: new Set<Endpoint>(['internal']), maxEntries: persisted.apqMaxEntries, maxBytes: persisted.apqMaxBytes },
    }),
  ];

  const resilience = { ...defaultResilience, ...options.resilience };
  /** One graph served: an Apollo gateway over the subgraphs, and the schema it exposes. */
  const serveGraph = async (endpoint: Endpoint, supergraphSdl: string, drainsServer: boolean) => {
    const watched = options.watchSupergraphFiles?.[endpoint];
    const gateway = new ApolloGateway({
      supergraphSdl: watched
        ? hotReloadedSupergraph({ path: watched, initialSdl: supergraphForApolloGateway(supergraphSdl), prepare: supergraphForApolloGateway, logger: logger.child({ graph: endpoint }), observer: metrics.reloads(endpoint) })
        : supergraphForApolloGateway(supergraphSdl),
      buildService: ({ name, url }) => {
        const target = options.subgraphUrls[name] ?? url;
        if (!target) throw new Error(`no URL for subgraph ${name}`);
        const source = createResilientDataSource(name, target, fetcher, { resilience, logger, observer: metrics.subgraphs, tracing });
        if (options.subgraphTransport === 'fetch') return source;
        return withSubgraphTransport(source, name, { dispatcher: fetcher.dispatcher, timeoutMs: resilience.timeoutMs, dedupe: options.dedupeSubgraphCalls ?? true });
      },
    });
    const graph = { schema: null as GraphQLSchema | null, rules: null as AccessRules | null, apollo: null as unknown as ApolloServer<GatewayContext> };
    gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
      validateScalarsAtTheEdge(apiSchema);
      graph.rules = accessRulesOf(coreSupergraphSdl);
      graph.schema = apiSchema;
    });
    graph.apollo = new ApolloServer<GatewayContext>({
      gateway,
      introspection: true,
      persistedQueries: false, // the edge speaks the APQ protocol (plugins/persisted-operations), before its controls run
      includeStacktraceInErrorResponses: false,
      // main.ts drains on SIGTERM/SIGINT itself: Apollo's own handler would re-raise the signal and end the process mid-drain.
      stopOnTerminationSignals: false,
      // The edge parsed the document already (and refused it if too large); this is a second fence.
      parseOptions: { maxTokens: limits.maxTokens },
      formatError: maskGatewayErrors(),
      plugins: [...(drainsServer ? [ApolloServerPluginDrainHttpServer({ httpServer })] : []), ApolloServerPluginLandingPageDisabled(), requestLogPlugin(), responseExtensionsPlugin(), metrics.apolloPlugin, tracing.apolloPlugin, maskedErrorLog()],
    });
    await graph.apollo.start();
    return graph;
  };
  const graphs: Partial<Record<Endpoint, Awaited<ReturnType<typeof serveGraph>>>> = { internal: await serveGraph('internal', options.supergraphSdl, true) };
  if (options.publicSupergraphSdl) graphs.public = await serveGraph('public', options.publicSupergraphSdl, false);
  const health = readiness({ subgraphUrls: options.subgraphUrls, schemaLoaded: () => Object.values(graphs).every((graph) => graph.schema !== null) });
  const forwardCalendarFeed = calendarFeedForwarding({ pipelineUrl: options.subgraphUrls['pipeline'], timeoutMs: resilience.timeoutMs, logger });
  const forwardWebhook = webhookForwarding({ subgraphUrls: options.subgraphUrls, maxBodyBytes: options.maxWebhookBodyBytes ?? 1_000_000, timeoutMs: resilience.timeoutMs, logger });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = requestIdOf(request);
    response.setHeader('x-request-id', requestId);
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://gateway');
    } catch {
      return sendRefusal(response, new EdgeRefusal(400, 'BAD_REQUEST', 'The request target is not a valid URL.'));
    }
    const pathname = url.pathname;
    if (pathname === '/health' || pathname === '/healthz') return health.alive(response);
    if (pathname === '/readyz') return health.ready(response);
    if (pathname.startsWith(graphiqlAssetPrefix)) return sendGraphiQLAsset(pathname, response);
    if (pathname === calendarFeedPath) {
      return forwardCalendarFeed(request, response, url, requestId).catch((error: unknown) => {
        if (!(error instanceof EdgeRefusal)) throw error;
        sendRefusal(response, error);
      });
    }
    if (pathname.startsWith(webhookPrefix)) {
      return forwardWebhook(request, response, url, requestId).catch((error: unknown) => {
        if (!(error instanceof EdgeRefusal)) throw error;
        sendRefusal(response, error);
      });
    }
    const endpoint = endpointAt(pathname);
    const graph = endpoint ? graphs[endpoint] : undefined;
    if (!endpoint || !graph) return sendRefusal(response, new EdgeRefusal(404, 'NOT_FOUND', 'Nothing is served at this path.'));
    if (wantsGraphiQL(request)) return sendGraphiQLPage(response, pathname);

    const client = clientOf(request, proxies);
    const call: EdgeCall = {
      endpoint,
      http: request,
      requestId,
      ip: client.ip ?? 'unknown',
      principal: anonymous,
      apiKeyId: null,
      operation: {},
      document: null,
      responseExtensions: {},
      responseHeaders: {},
    };
    let release: Release | undefined;
    try {
      for (const plugin of plugins) await plugin.onRequest?.(call);
      call.operation = await readOperation(request, url.searchParams, limits.maxBodyBytes);
      for (const plugin of plugins) await plugin.onBody?.(call);
      // Admission: the body is read (a slow sender holds no slot); parsing and execution wait their turn.
      release = await admission.enter(() => closed(response));
      if (call.operation.query !== undefined) {
        call.document = documents.prepare(call.operation.query);
        for (const plugin of plugins) await plugin.onOperation?.(call, call.document);
      }
    } catch (error) {
      release?.();
      if (!(error instanceof EdgeRefusal)) throw error;
      metrics.refused(call, error);
      tracing.refused(call, error);
      return sendRefusal(response, error, call.responseHeaders);
    }
    try {
      await execute(call, graph, request, response, client);
    } finally {
      release();
    }
  }

  async function execute(call: EdgeCall, graph: NonNullable<(typeof graphs)[Endpoint]>, request: IncomingMessage, response: ServerResponse, client: ReturnType<typeof clientOf>): Promise<void> {
    const requestId = call.requestId;

    const internalToken = await options.internalTokens.sign(call.principal, client);
    const traceId = tracing.traceIdOf(call);
    const context: GatewayContext = { principal: call.principal, internalToken, requestId, logger: logger.child({ requestId, ...(traceId ? { traceId } : {}) }), call };
    const result = await graph.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (request.method ?? 'GET').toUpperCase(),
        headers: headerMapOf(request),
        search: request.method === 'GET' ? searchOf(call.operation) : '',
        body: request.method === 'POST' ? call.operation : undefined,
      },
      context: async () => context,
    });
    await sendGraphQLResponse(response, result, call.responseHeaders);
  }

  httpServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => answerFailedRequest(response, error, logger));
  });
  const port = await listen(httpServer, options.host ?? '127.0.0.1', options.port ?? 0);
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  const metricsServer: MetricsServer | null = options.metricsPort === undefined ? null : await serveMetrics(metrics.registry, options.host ?? '127.0.0.1', options.metricsPort);
  logger.info({ url, metrics: metricsServer?.url }, 'gateway listening');

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    metricsUrl: metricsServer?.url ?? null,
    stop() {
      stopping ??= (async () => {
        await graphs.public?.apollo.stop();
        await graphs.internal?.apollo.stop();
        await fetcher.close();
        await redis?.quit();
        await metricsServer?.stop();
      })();
      return stopping;
    },
  };
}

/** Resolves when the client's connection closes (answered or gone). */
function closed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => response.once('close', () => resolve()));
}

function endpointAt(pathname: string): Endpoint | null {
  if (pathname === '/graphql' || pathname === '/') return 'internal';
  if (pathname === '/public/graphql') return 'public';
  return null;
}

function headerMapOf(request: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** Merges what the edge plugins announced (e.g. `cost`) into the response's `extensions`. */
function responseExtensionsPlugin(): import('@apollo/server').ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const extra = contextValue.call.responseExtensions;
          if (Object.keys(extra).length === 0 || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, ...extra };
        },
      };
    },
  };
}
