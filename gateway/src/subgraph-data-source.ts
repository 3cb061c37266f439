import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GatewayContext } from './context.ts';
import type { SubgraphFetcher } from './subgraph-fetcher.ts';

/** Calls one subgraph, vouching for the caller with the gateway's internal token. */
export function createSubgraphDataSource(url: string, fetcher: SubgraphFetcher): RemoteGraphQLDataSource<GatewayContext> {
  return new RemoteGraphQLDataSource<GatewayContext>({
    url,
    fetcher: fetcher.fetch,
    willSendRequest(options) {
      // Health checks and schema loading carry no caller; only operations get a token.
      if (!('incomingRequestContext' in options)) return;
      const headers = options.request.http?.headers;
      headers?.set('authorization', `Bearer ${options.context.internalToken}`);
      headers?.set('x-request-id', options.context.requestId);
    },
  });
}
