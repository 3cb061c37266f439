import type { EventTransport, InternalTokenSigner, Logger, Subscription } from '@jobgraph/kit';
import { identityApiKeyResolver, type ApiKeyResolver } from '../plugins/authentication/api-keys.ts';
import { createAccessTokenVerifier, remoteJwks, type AccessTokenVerifier } from './access-token-verifier.ts';
import { createRevokedSessions, followSessionRevocations, refusingRevokedSessions } from './revoked-sessions.ts';

export interface IdentityAuthenticationOptions {
  /** Identity's GraphQL URL; its JWKS and API-key route sit at the same origin. */
  readonly identityUrl: string;
  /** Where identity publishes its JWKS, when not at the identity origin's `/.well-known/jwks.json`. */
  readonly jwksUrl?: string;
  /** The gateway's internal-token signer: it vouches for itself when it asks identity about an API key. */
  readonly internalTokens: InternalTokenSigner;
  /**
   * Identity's events (Kafka when deployed). The gateway reads SessionRevoked from it and refuses
   * those sessions' access tokens at once; without it, a signed-out token works until it expires.
   */
  readonly events: EventTransport | null;
  /** Identity's access-token lifetime: how long a revocation must be remembered. */
  readonly accessTokenTtlSeconds: number;
  /** The least wait between JWKS fetches (30 s by default). */
  readonly jwksCooldownMs?: number;
  /** How long an API key's answer is reused (at most 30 s, the default). */
  readonly apiKeyCacheSeconds?: number;
  readonly logger: Logger;
}

/** What the gateway authenticates callers with; `stop` ends the revocation subscription. */
export interface IdentityAuthentication {
  readonly accessTokens: AccessTokenVerifier;
  readonly apiKeys: ApiKeyResolver;
  stop(): Promise<void>;
}

/**
 * The one wiring of the gateway to identity, used by the gateway deployed alone (`main.ts`)
 * and by the in-process stack alike: access tokens verified against identity's JWKS and
 * refused once identity announces their session revoked; partner API keys resolved through
 * identity and cached briefly.
 */
export async function startIdentityAuthentication(options: IdentityAuthenticationOptions): Promise<IdentityAuthentication> {
  const revoked = createRevokedSessions(options.accessTokenTtlSeconds);
  let revocations: Subscription | null = null;
  if (options.events) revocations = await followSessionRevocations(options.events, revoked, options.logger);
  else options.logger.warn('no event transport: revoked sessions keep working until their access tokens expire');
  const jwksUrl = options.jwksUrl ?? new URL('/.well-known/jwks.json', options.identityUrl).toString();
  return {
    accessTokens: refusingRevokedSessions(createAccessTokenVerifier(remoteJwks(jwksUrl, options.jwksCooldownMs !== undefined ? { cooldownMs: options.jwksCooldownMs } : {})), revoked),
    apiKeys: identityApiKeyResolver({ identityUrl: options.identityUrl, internalTokens: options.internalTokens, ...(options.apiKeyCacheSeconds !== undefined ? { cacheSeconds: options.apiKeyCacheSeconds } : {}) }),
    stop: async () => {
      await revocations?.stop();
    },
  };
}
