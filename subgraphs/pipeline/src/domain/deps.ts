import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';

/** What pipeline's use cases need, made once per process. */
export interface PipelineDeps {
  readonly db: Kysely<Database>;
}
