import type { Logger, Principal } from '@jobgraph/kit';

/** Per request: who called, and the token that tells the subgraphs so. */
export interface GatewayContext {
  readonly principal: Principal;
  readonly internalToken: string;
  readonly requestId: string;
  readonly logger: Logger;
}
