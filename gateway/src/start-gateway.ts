import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  CodedError,
  answerFailedRequest,
  listen,
  maskErrors,
  sendGraphQLResponse,
  sendJson,
  toGraphQLRequest,
  type InternalTokenSigner,
  type Logger,
} from '@jobgraph/kit';
import type { AccessTokenVerifier } from './auth/access-token-verifier.ts';
import { authenticateApiKey, type ApiKeyResolver } from './auth/api-key.ts';
import { clientOf, trustedProxies } from './auth/client-address.ts';
import { authenticate } from './authenticate.ts';
import type { GatewayContext } from './context.ts';
import { graphiqlAssetPrefix, sendGraphiQLAsset, sendGraphiQLPage, wantsGraphiQL } from './graphiql/graphiql-route.ts';
import { aliasLimit } from './limits/alias-limit.ts';
import { depthLimit } from './limits/depth-limit.ts';
import { requestLogPlugin } from './plugins/request-log/index.ts';
import { requestIdOf } from './request-id.ts';
import { validateScalarsAtTheEdge } from './scalars/validate-scalars.ts';
import { createSubgraphDataSource } from './subgraph-data-source.ts';
import { createSubgraphFetcher } from './subgraph-fetcher.ts';

export interface GatewayLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
  readonly maxBodyBytes: number;
}

export const defaultLimits: GatewayLimits = { maxDepth: 12, maxAliases: 30, maxTokens: 5000, maxBodyBytes: 100_000 };

export interface StartGatewayOptions {
  readonly supergraphSdl: string;
  /** Where each subgraph named in the supergraph listens now. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly accessTokens: AccessTokenVerifier;
  readonly internalTokens: InternalTokenSigner;
  readonly logger: Logger;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly limits?: Partial<GatewayLimits>;
  /** Proxies (addresses or CIDR ranges) whose x-forwarded-for names the client; none by default. */
  readonly trustedProxies?: readonly string[];
  /** Resolves partner API keys (`Authorization: ApiKey …` or `x-api-key`); without one, keys are not accepted. */
  readonly apiKeys?: ApiKeyResolver;
}

export interface RunningGateway {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const limits = { ...defaultLimits, ...options.limits };
  const logger = options.logger;
  const proxies = trustedProxies(options.trustedProxies ?? []);
  const fetcher = createSubgraphFetcher();
  const httpServer = createServer();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      const target = options.subgraphUrls[name] ?? url;
      if (!target) throw new Error(`no URL for subgraph ${name}`);
      return createSubgraphDataSource(target, fetcher);
    },
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => validateScalarsAtTheEdge(apiSchema));
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [depthLimit(limits.maxDepth), aliasLimit(limits.maxAliases)],
    formatError: maskErrors(logger),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), requestLogPlugin()],
  });
  await apollo.start();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { pathname } = new URL(request.url ?? '/', 'http://gateway');
    if (pathname === '/health') return sendJson(response, 200, { status: 'ok', service: 'gateway' });
    if (pathname.startsWith(graphiqlAssetPrefix)) return sendGraphiQLAsset(pathname, response);
    if (pathname !== '/graphql' && pathname !== '/') return sendJson(response, 404, { error: 'not found' });
    if (wantsGraphiQL(request)) return sendGraphiQLPage(response, '/graphql');

    const requestId = requestIdOf(request);
    const requestLogger = logger.child({ requestId });
    let principal;
    try {
      principal = (await authenticateApiKey(request, options.apiKeys)) ?? (await authenticate(request, options.accessTokens));
    } catch (error) {
      if (!(error instanceof CodedError)) throw error;
      response.writeHead(401, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId, 'www-authenticate': 'Bearer error="invalid_token"' });
      response.end(JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] }));
      return;
    }
    const internalToken = await options.internalTokens.sign(principal, requestId, clientOf(request, proxies));
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: await toGraphQLRequest(request, limits.maxBodyBytes),
      context: async () => ({ principal, internalToken, requestId, logger: requestLogger }),
    });
    await sendGraphQLResponse(response, result, { 'x-request-id': requestId });
  }

  httpServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => answerFailedRequest(response, error, logger));
  });
  const port = await listen(httpServer, options.host ?? '127.0.0.1', options.port ?? 0);
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  logger.info({ url }, 'gateway listening');

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    stop() {
      stopping ??= (async () => {
        await apollo.stop();
        await fetcher.close();
      })();
      return stopping;
    },
  };
}
