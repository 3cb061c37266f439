import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import CircuitBreaker from 'opossum';
import { GraphQLError } from 'graphql';
import type { Logger } from '@jobgraph/kit';
import type { GatewayContext } from '../../context.ts';
import type { SubgraphFetcher } from '../../subgraph-fetcher.ts';

export interface ResilienceOptions {
  /** Longest wait for one subgraph call, headers and body. */
  readonly timeoutMs: number;
  /** Extra attempts for a query (never a mutation) after a timeout, refused connection or 5xx. */
  readonly queryRetries: number;
  readonly retryDelayMs: number;
  /** Failure share over the rolling window that opens the breaker. */
  readonly breakerErrorPercentage: number;
  /** Calls in the window before the breaker may open. */
  readonly breakerVolumeThreshold: number;
  /** How long an open breaker refuses calls before it lets one through to test the subgraph. */
  readonly breakerResetMs: number;
}

export const defaultResilience: ResilienceOptions = {
  timeoutMs: 10_000,
  queryRetries: 1,
  retryDelayMs: 50,
  breakerErrorPercentage: 50,
  breakerVolumeThreshold: 5,
  breakerResetMs: 10_000,
};

/** What the resilience layer reports, for metrics. */
export interface SubgraphCallObserver {
  fetched(subgraph: string, seconds: number, outcome: 'ok' | 'error' | 'timeout' | 'breaker_open'): void;
}

/** Spans per subgraph call (observability/tracing.ts). */
export interface SubgraphCallTracing {
  subgraph(call: GatewayContext['call'], subgraph: string): { readonly traceparent: string | null; end(outcome: 'ok' | 'error' | 'timeout' | 'breaker_open'): void };
}

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
type Response = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * Calls one subgraph with a timeout, retries for queries, and a circuit breaker
 * (opossum). Whatever goes wrong below, the client sees one masked error,
 * SUBGRAPH_UNAVAILABLE, on the fields that subgraph owns, and partial data for the
 * rest; the URL, status and body stay in the log.
 */
export function createResilientDataSource(
  name: string,
  url: string,
  fetcher: SubgraphFetcher,
  options: { resilience: ResilienceOptions; logger: Logger; observer?: SubgraphCallObserver; tracing?: SubgraphCallTracing },
): RemoteGraphQLDataSource<GatewayContext> {
  const { resilience, logger, observer, tracing } = options;
  const traceparents = new WeakMap<object, string>();
  const timedFetch: RemoteGraphQLDataSource['fetcher'] = (input, init) =>
    fetcher.fetch(input, { ...init, signal: AbortSignal.timeout(resilience.timeoutMs) } as typeof init);

  class ResilientDataSource extends RemoteGraphQLDataSource<GatewayContext> {
    readonly breaker = new CircuitBreaker((request: ProcessOptions) => super.process(request), {
      timeout: false,
      errorThresholdPercentage: resilience.breakerErrorPercentage,
      volumeThreshold: resilience.breakerVolumeThreshold,
      resetTimeout: resilience.breakerResetMs,
      rollingCountTimeout: 10_000,
      // A GraphQL error travels in a 200 and resolves; only what the subgraph could not answer counts.
      errorFilter: (error: unknown) => !isInfrastructureFailure(error),
    });

    /** Vouches for the caller with the gateway's internal token; health checks and schema loading carry no caller. */
    override willSendRequest(request: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]): void {
      if (!('incomingRequestContext' in request)) return;
      const headers = request.request.http?.headers;
      headers?.set('authorization', `Bearer ${request.context.internalToken}`);
      headers?.set('x-request-id', request.context.requestId);
      const traceparent = traceparents.get(request);
      if (traceparent) headers?.set('traceparent', traceparent);
    }

    override async process(request: ProcessOptions): Promise<Response> {
      if (!('incomingRequestContext' in request)) return super.process(request);
      const idempotent = request.incomingRequestContext.operation?.operation === 'query';
      const attempts = idempotent ? 1 + resilience.queryRetries : 1;
      let lastError: unknown;
      for (let attempt = 1; attempt <= attempts; attempt += 1) {
        const started = performance.now();
        const span = tracing?.subgraph(request.context.call, name);
        if (span?.traceparent) traceparents.set(request, span.traceparent);
        try {
          const response = await this.breaker.fire(request);
          observer?.fetched(name, (performance.now() - started) / 1000, 'ok');
          span?.end('ok');
          return response;
        } catch (error) {
          // A 4xx carrying GraphQL errors (e.g. 401 for `viewer` without a token) is an answer, not a failure.
          const answer = graphQLAnswerIn(error);
          span?.end(answer ? 'ok' : isBreakerOpen(error) ? 'breaker_open' : isTimeout(error) ? 'timeout' : 'error');
          if (answer) return answer;
          lastError = error;
          const outcome = this.breaker.opened && isBreakerOpen(error) ? 'breaker_open' : isTimeout(error) ? 'timeout' : 'error';
          observer?.fetched(name, (performance.now() - started) / 1000, outcome);
          request.context.logger.warn({ subgraph: name, attempt, outcome, err: describe(error) }, 'subgraph call failed');
          if (outcome === 'breaker_open' || !isInfrastructureFailure(error)) break;
          if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, resilience.retryDelayMs));
        }
      }
      logger.debug({ subgraph: name, err: describe(lastError) }, 'answering SUBGRAPH_UNAVAILABLE');
      throw new GraphQLError(`A service this operation needs (${name}) is unavailable; try again shortly.`, {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
      });
    }
  }
  return new ResilientDataSource({ url, fetcher: timedFetch });
}

/** The body of a subgraph's non-2xx answer when it is a GraphQL response with coded errors (subgraphs mask their own). */
function graphQLAnswerIn(error: unknown): Response | null {
  const response = (error as { extensions?: { response?: { status?: number; body?: unknown } } }).extensions?.response;
  if (!response || typeof response.status !== 'number' || response.status >= 500) return null;
  const body = response.body as { errors?: unknown; data?: unknown } | undefined;
  if (!body || typeof body !== 'object' || !Array.isArray(body.errors)) return null;
  return { errors: body.errors as NonNullable<Response['errors']>, ...(body.data !== undefined ? { data: body.data as Response['data'] } : {}) };
}

function isBreakerOpen(error: unknown): boolean {
  return error instanceof Error && (error as { code?: string }).code === 'EOPENBREAKER';
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError' || /aborted|timeout/i.test(error.message));
}

/** A timeout, a refused or reset connection, or a 5xx: worth a retry, and counted by the breaker. */
function isInfrastructureFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { extensions?: { response?: { status?: number } } }).extensions?.response?.status;
  if (typeof status === 'number') return status >= 500;
  return !(error instanceof GraphQLError) || isTimeout(error);
}

function describe(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { value: String(error) };
  const response = (error as { extensions?: { response?: unknown } }).extensions?.response;
  return { name: error.name, message: error.message, ...(response ? { response } : {}), cause: (error as { cause?: unknown }).cause };
}
