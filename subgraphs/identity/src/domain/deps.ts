import type { Kysely } from 'kysely';
import type { Logger } from '@jobgraph/kit';
import type { IdentityConfig } from '../config.ts';
import type { Database } from '../db/types.ts';
import type { SigningKeyStore } from '../tokens/signing-keys.ts';

/** What identity's use cases need, made once per process. */
export interface IdentityDeps {
  readonly db: Kysely<Database>;
  readonly keys: SigningKeyStore;
  readonly config: IdentityConfig;
  readonly logger: Logger;
}
