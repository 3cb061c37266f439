import { z } from 'zod';
import { parseEnv } from '@jobgraph/kit';

const schema = z.object({
  /** Encrypts the private signing keys at rest. Required outside development. */
  IDENTITY_KEY_SECRET: z.string().min(16).default('jobgraph-development-only-key-secret'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** scrypt cost as log2(N). 17 is OWASP's floor; tests lower it to stay fast. */
  PASSWORD_HASH_LOG_N: z.coerce.number().int().min(10).max(20).default(17),
  /** Days a signing key signs before a new one takes over. */
  SIGNING_KEY_ROTATION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /**
   * How long a new key is published before it signs: longer than any verifier's JWKS
   * refetch cooldown (the gateway's is 30 s), so no verifier meets an unknown key.
   */
  SIGNING_KEY_PROPAGATION_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
});

export type IdentityConfig = z.infer<typeof schema>;

export function identityConfig(env: NodeJS.ProcessEnv): IdentityConfig {
  return parseEnv(schema, env);
}
