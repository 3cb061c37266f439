import type { Kysely } from 'kysely';
import type { Logger } from './logger.ts';
import type { Principal, RequestClient } from './principal.ts';

/** What every resolver of every subgraph receives. Loaders are made fresh per request. */
export interface SubgraphContext<DB, Loaders> {
  readonly principal: Principal;
  readonly db: Kysely<DB>;
  readonly loaders: Loaders;
  readonly logger: Logger;
  readonly requestId: string;
  /** The caller's user agent and address as the gateway saw them (identity keeps only a coarse network). */
  readonly client: RequestClient;
}
