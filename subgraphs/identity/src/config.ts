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
  /** Where identity's mail goes: smtp://host:port (STARTTLS when offered) or smtps://; `pnpm dev` starts a catcher. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//).default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Jobgraph <no-reply@jobgraph.local>'),
  /** The web app that opens the links in mails (verify, reset, confirm a new address). */
  APP_URL: z.url().default('http://localhost:3000'),
  MAIL_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  VERIFY_EMAIL_TTL_HOURS: z.coerce.number().int().min(1).max(168).default(48),
  RESET_PASSWORD_TTL_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
  /** A reset request answers after at least this long, whether or not the address has an account. */
  RESET_REQUEST_MIN_MS: z.coerce.number().int().min(0).max(5000).default(400),
  /** Failed sign-ins allowed per account, and per client network, in each window. */
  SIGN_IN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(10),
  SIGN_IN_FAILURES_PER_IP: z.coerce.number().int().min(1).max(10_000).default(50),
  /** Reset and verification mails allowed per address, and per client network, in each window. */
  MAIL_REQUESTS_PER_ADDRESS: z.coerce.number().int().min(1).max(100).default(5),
  MAIL_REQUESTS_PER_IP: z.coerce.number().int().min(1).max(10_000).default(30),
  THROTTLE_WINDOW_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  /**
   * The key ring that encrypts provider tokens (AES-256-GCM): `id:base64key,id:base64key`,
   * 32-byte keys. Unset: one key derived from IDENTITY_KEY_SECRET (development).
   */
  IDENTITY_TOKEN_KEYS: z.string().optional(),
  /** The ring's current key (new tokens are sealed under it); the first listed when unset. */
  IDENTITY_TOKEN_KEY_ID: z.string().optional(),
  /** How long an external sign-in, link or connect may take between its start and the code's return. */
  OAUTH_STATE_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(600),
  /** Origins a provider may send the browser back to (comma-separated); APP_URL's origin when unset. */
  OAUTH_REDIRECT_ORIGINS: z.string().default(''),
});

export type IdentityConfig = z.infer<typeof schema>;

export function identityConfig(env: NodeJS.ProcessEnv): IdentityConfig {
  return parseEnv(schema, env);
}
