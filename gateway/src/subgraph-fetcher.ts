import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, fetch } from 'undici';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

export interface SubgraphFetcher {
  readonly fetch: Fetcher;
  /** The pool itself, for undici's request API (see http/subgraph-transport.ts). */
  readonly dispatcher: Agent;
  close(): Promise<void>;
}

/**
 * One keep-alive connection pool for all subgraph calls: a query plan's fetches reuse
 * warm sockets instead of paying a TCP handshake each.
 */
export function createSubgraphFetcher(options: { connectionsPerOrigin?: number; keepAliveMs?: number } = {}): SubgraphFetcher {
  const agent = new Agent({
    connections: options.connectionsPerOrigin ?? 32,
    keepAliveTimeout: options.keepAliveMs ?? 30_000,
    keepAliveMaxTimeout: 60_000,
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  const viaAgent = (url: string, init?: Record<string, unknown>) => fetch(url, { ...init, dispatcher: agent } as Parameters<typeof fetch>[1]);
  return { fetch: viaAgent as unknown as Fetcher, dispatcher: agent, close: () => agent.close() };
}
