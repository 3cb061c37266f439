import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { DocumentNode } from 'graphql';
import { sql, type Kysely } from 'kysely';
import type { SubgraphContext } from './context.ts';
import { ErrorCode } from './error-code.ts';
import { answerFailedRequest, bearerToken, listen, sendGraphQLError, sendGraphQLResponse, sendJson, toGraphQLRequest } from './http.ts';
import type { InternalTokenVerifier } from './internal-token.ts';
import type { Logger } from './logger.ts';
import { maskErrors } from './mask-errors.ts';
import type { Principal } from './principal.ts';
import { requestIdOf } from './request-id.ts';
import { scalarsFor } from './scalars.ts';
import { subgraphTracingPlugin } from './tracing.ts';

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

/** What a subgraph brings: its SDL, its resolvers, how to make its per-request loaders. */
export interface SubgraphDefinition<DB, Loaders> {
  readonly name: string;
  readonly typeDefs: DocumentNode;
  /** Typed in each subgraph by the code generated from its SDL. */
  readonly resolvers: object;
  createLoaders(db: Kysely<DB>, principal: Principal): Loaders;
  /** Public GET routes beside /graphql (identity's JWKS, for one). */
  readonly routes?: Readonly<Record<string, RouteHandler>>;
}

export interface ServeSubgraphOptions<DB> {
  readonly db: Kysely<DB>;
  readonly internalToken: InternalTokenVerifier;
  readonly logger: Logger;
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly bodyLimitBytes?: number;
  /** Runs after the server has drained, to release what the service owns. */
  readonly onStop?: () => Promise<void>;
}

export interface RunningService {
  readonly name: string;
  /** Where the GraphQL endpoint listens. */
  readonly url: string;
  readonly port: number;
  /** TCP connections accepted so far: with keep-alive callers, far fewer than requests. */
  connectionsAccepted(): number;
  stop(): Promise<void>;
}

/**
 * Builds the subgraph schema and serves it over HTTP. `/graphql` answers only requests
 * carrying the gateway's internal token: neither the subgraph nor `_entities` can be
 * reached around the gateway. `/health` says the process is up, `/ready` that it can
 * reach its database.
 */
export async function serveSubgraph<DB, Loaders>(definition: SubgraphDefinition<DB, Loaders>, options: ServeSubgraphOptions<DB>): Promise<RunningService> {
  const logger = options.logger.child({ subgraph: definition.name });
  const httpServer = createServer();
  let connections = 0;
  httpServer.on('connection', () => {
    connections += 1;
  });
  const schema = buildSubgraphSchema([
    {
      typeDefs: definition.typeDefs,
      resolvers: { ...scalarsFor(definition.typeDefs), ...definition.resolvers } as GraphQLResolverMap<SubgraphContext<DB, Loaders>>,
    },
  ]);
  const apollo = new ApolloServer<SubgraphContext<DB, Loaders>>({
    schema,
    formatError: maskErrors(logger),
    includeStacktraceInErrorResponses: false,
    // Inline traces feed Apollo Studio, which Jobgraph does not use; they would cost every request.
    // Cache-control hints: no subgraph sets any, and the plugin would wrap every field's resolver
    // (a tenth of a millisecond per hundred fields, measured by pnpm bench:dashboard's profile).
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), subgraphTracingPlugin(definition.name)],
  });
  await apollo.start();

  const routes: Record<string, RouteHandler> = {
    '/health': (_request, response) => sendJson(response, 200, { status: 'ok', service: definition.name }),
    '/ready': async (_request, response) => {
      try {
        await sql`select 1`.execute(options.db);
        sendJson(response, 200, { status: 'ready', service: definition.name });
      } catch (error) {
        logger.warn({ err: error }, 'readiness check failed');
        sendJson(response, 503, { status: 'unavailable', service: definition.name });
      }
    },
    ...definition.routes,
  };

  async function handleGraphQL(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') {
      sendGraphQLError(response, 405, 'Subgraphs accept POST only.', 'METHOD_NOT_ALLOWED', { allow: 'POST' });
      return;
    }
    const token = bearerToken(request);
    if (!token) {
      sendGraphQLError(response, 401, 'This service is reachable only through the gateway.', ErrorCode.UNAUTHENTICATED);
      return;
    }
    let verified;
    try {
      verified = await options.internalToken.verify(token);
    } catch {
      sendGraphQLError(response, 401, 'The internal token is invalid or expired.', ErrorCode.UNAUTHENTICATED);
      return;
    }
    const requestId = requestIdOf(request);
    const graphQLRequest = await toGraphQLRequest(request, options.bodyLimitBytes);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: graphQLRequest,
      context: async () => ({
        principal: verified.principal,
        db: options.db,
        loaders: definition.createLoaders(options.db, verified.principal),
        logger: logger.child({ requestId }),
        requestId,
        client: verified.client,
      }),
    });
    await sendGraphQLResponse(response, result, { 'x-request-id': requestId });
  }

  httpServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://internal').pathname;
    const route = path === '/graphql' ? handleGraphQL : routes[path];
    if (!route) {
      sendJson(response, 404, { error: 'not found' });
      return;
    }
    Promise.resolve(route(request, response)).catch((error: unknown) => answerFailedRequest(response, error, logger, path));
  });

  const port = await listen(httpServer, options.host ?? '127.0.0.1', options.port ?? 0);
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  logger.info({ url }, 'subgraph listening');

  let stopping: Promise<void> | undefined;
  return {
    name: definition.name,
    url,
    port,
    connectionsAccepted: () => connections,
    stop() {
      stopping ??= (async () => {
        await apollo.stop();
        await options.onStop?.();
      })();
      return stopping;
    },
  };
}
