import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';

/** What catalog's use cases need, made once per process. */
export interface CatalogDeps {
  readonly db: Kysely<Database>;
  /** The time a use case acts at; tests may pin it. */
  readonly now: () => Date;
}

/** The signed-in person a use case acts for. */
export interface Actor {
  readonly userId: string;
}
