import type { Kysely } from 'kysely';
import type { Logger } from './logger.ts';
import type { Principal } from './principal.ts';

/** What every resolver of every subgraph receives. Loaders are made fresh per request. */
export interface SubgraphContext<DB, Loaders> {
  readonly principal: Principal;
  readonly db: Kysely<DB>;
  readonly loaders: Loaders;
  readonly logger: Logger;
  readonly requestId: string;
}
