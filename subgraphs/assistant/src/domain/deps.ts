import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';

/** What the assistant's use cases need, made once per process. */
export interface AssistantDeps {
  readonly db: Kysely<Database>;
}
