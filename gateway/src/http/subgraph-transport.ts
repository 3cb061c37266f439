import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Dispatcher } from 'undici';
import type { GatewayContext } from '../context.ts';
import { principalKey } from '../edge.ts';

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];
type SubgraphRequest = Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0]['request'];

/** A subgraph's answer as bytes: shared by every caller waiting on the same call, each parsing its own copy. */
interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

export interface SubgraphTransportOptions {
  /** The keep-alive pool every subgraph call goes through. */
  readonly dispatcher: Dispatcher;
  /** Longest wait for the answer's headers, and again for its body. */
  readonly timeoutMs: number;
  /** Share one call among identical queries in flight for the same principal. */
  readonly dedupe: boolean;
  readonly observer?: { deduplicated(subgraph: string): void };
}

/**
 * Sends a data source's subgraph calls with undici's request API on the shared pool,
 * instead of WHATWG fetch and node-fetch objects (streams, header classes and a Request
 * built per call). What the data source does around the call (its headers, retries,
 * breaker, error mapping) is unchanged: non-2xx answers still become its own errors.
 *
 * Identical queries in flight at once for the same principal (same subgraph, same
 * query text and variables) share one call; mutations never do, and neither do
 * different principals, whose answers may differ.
 */
export function withSubgraphTransport<Source extends RemoteGraphQLDataSource<GatewayContext>>(source: Source, name: string, options: SubgraphTransportOptions): Source {
  const target = new URL(source.url);
  const origin = target.origin;
  const path = `${target.pathname}${target.search}`;
  const inFlight = new Map<string, Promise<RawAnswer>>();

  const send = async (headers: Record<string, string>, body: string): Promise<RawAnswer> => {
    const answer = await options.dispatcher.request({ origin, path, method: 'POST', headers, body, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
    return { status: answer.statusCode, headers: answer.headers, text: await answer.body.text() };
  };

  const sendRequest = async (request: SubgraphRequest, context: GatewayContext | undefined): Promise<object> => {
    const { http, ...withoutHttp } = request;
    if (!http) throw new Error("Internal error: Only 'http' requests are supported.");
    const body = JSON.stringify(withoutHttp);
    const headers: Record<string, string> = {};
    for (const [header, value] of http.headers) headers[header] = value;
    const key = options.dedupe && context?.call && isQuery(request.query) ? `${principalKey(context.call)}\n${body}` : null;
    let raw: RawAnswer;
    if (key === null) raw = await send(headers, body);
    else {
      let shared = inFlight.get(key);
      if (shared) options.observer?.deduplicated(name);
      else {
        shared = send(headers, body).finally(() => inFlight.delete(key));
        inFlight.set(key, shared);
      }
      raw = await shared;
    }
    const response = responseOf(raw, source.url);
    try {
      if (!response.ok) throw await source.errorFromResponse(response);
      const parsed = await source.parseBody(response);
      if (typeof parsed !== 'object' || parsed === null) throw new Error(`Expected JSON response body, but received: ${String(parsed)}`);
      return { ...parsed, http: response };
    } catch (error) {
      source.didEncounterError(error as Error, undefined as never, response, context, request);
      throw error;
    }
  };
  // `sendRequest` is the one step of RemoteGraphQLDataSource.process that talks HTTP.
  (source as unknown as { sendRequest: typeof sendRequest }).sendRequest = sendRequest;
  return source;
}

function isQuery(query: string | undefined): boolean {
  if (!query) return false;
  const text = query.trimStart();
  return text.startsWith('query') || text.startsWith('{');
}

/** Just enough of a fetch Response for the data source's parsing and error mapping. */
function responseOf(raw: RawAnswer, url: string): FetcherResponse {
  const header = (name: string): string | null => {
    const value = raw.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  const response = {
    ok: raw.status >= 200 && raw.status < 300,
    status: raw.status,
    statusText: '',
    url,
    redirected: false,
    headers: { get: header, has: (name: string) => header(name) !== null },
    text: async () => raw.text,
    json: async () => JSON.parse(raw.text) as unknown,
  };
  return response as unknown as FetcherResponse;
}
