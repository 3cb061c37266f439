import type { Kysely } from 'kysely';
import type { Logger } from '@jobgraph/kit';
import type { IdentityConfig } from '../config.ts';
import type { Database } from '../db/types.ts';
import type { OAuthProvider } from '../external/oauth-provider.ts';
import type { OAuthServer } from '../external/provider-config.ts';
import type { SigningKeyStore } from '../tokens/signing-keys.ts';
import type { TokenKeyRing } from '../tokens/token-key-ring.ts';

/** What identity's use cases need, made once per process. */
export interface IdentityDeps {
  readonly db: Kysely<Database>;
  readonly keys: SigningKeyStore;
  readonly config: IdentityConfig;
  readonly logger: Logger;
  /** The OAuth servers configured (sign-in providers and integrations' servers). */
  readonly oauth: ReadonlyMap<OAuthServer, OAuthProvider>;
  /** Seals provider tokens at rest. */
  readonly tokenKeys: TokenKeyRing;
}
