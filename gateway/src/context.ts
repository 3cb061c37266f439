import type { Logger, Principal } from '@jobgraph/kit';
import type { EdgeCall } from './edge.ts';

/** Per request: who called, and the token that tells the subgraphs so. */
export interface GatewayContext {
  readonly principal: Principal;
  readonly internalToken: string;
  readonly requestId: string;
  readonly logger: Logger;
  /** The edge's view of the call: endpoint, response extensions the plugins add. */
  readonly call: EdgeCall;
}
