import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { CodedError } from '@jobgraph/kit/errors';
import { ErrorCode } from '@jobgraph/kit/error-code';
import { isRole, type Principal } from '@jobgraph/kit/principal';
import { verifiedTokens } from '@jobgraph/kit/verified-tokens';

/** What identity puts in its access tokens; kept here so the gateway does not import identity. */
const expected = { issuer: 'jobgraph-identity', audience: 'jobgraph', typ: 'at+jwt', algorithms: ['EdDSA'] } as const;

export interface AccessTokenVerifier {
  /** The principal the token names, or an UNAUTHENTICATED error that says why not. */
  verify(token: string): Promise<Principal>;
}

/** Identity's JWKS fetched over HTTP, cached, and fetched again when a token names an unknown `kid`. */
export function remoteJwks(jwksUrl: string, options: { cooldownMs?: number } = {}): JWTVerifyGetKey {
  // The cooldown stops a flood of made-up kids from hammering identity; identity publishes
  // each new key longer than this before signing with it.
  return createRemoteJWKSet(new URL(jwksUrl), { cacheMaxAge: 10 * 60_000, cooldownDuration: options.cooldownMs ?? 30_000, timeoutDuration: 5_000 });
}

/**
 * Verifies identity's access tokens. A token that passed is remembered for a minute at
 * most (never past its expiry), so a client's next requests cost a lookup instead of a
 * signature check; revocation is checked on every request all the same (revoked-sessions.ts).
 */
export function createAccessTokenVerifier(keys: JWTVerifyGetKey, options: { now?: () => number } = {}): AccessTokenVerifier {
  const verified = verifiedTokens<Principal>({ maxEntries: 1000, maxAgeMs: 60_000, ...(options.now ? { now: options.now } : {}) });
  return {
    async verify(token) {
      const known = verified.get(token);
      if (known) return known;
      let payload;
      try {
        ({ payload } = await jwtVerify(token, keys, { ...expected, algorithms: [...expected.algorithms], clockTolerance: 5, requiredClaims: ['sub', 'sid', 'exp'] }));
      } catch (error) {
        throw rejection(error);
      }
      const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
      const scopes = typeof payload.scope === 'string' && payload.scope.length > 0 ? payload.scope.split(' ') : [];
      const principal: Principal = {
        kind: 'user',
        userId: String(payload.sub),
        roles,
        scopes,
        sessionId: String(payload.sid),
        plan: typeof payload.plan === 'string' ? payload.plan : null,
      };
      verified.remember(token, principal, Number(payload.exp) * 1000);
      return principal;
    },
  };
}

function rejection(error: unknown): CodedError {
  if (error instanceof errors.JWTExpired) {
    return new CodedError(ErrorCode.UNAUTHENTICATED, 'The access token has expired. Refresh the session.', { reason: 'TOKEN_EXPIRED' });
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed) {
    return new CodedError(ErrorCode.UNAUTHENTICATED, 'The access token was not signed by Jobgraph.', { reason: 'TOKEN_INVALID' });
  }
  if (error instanceof errors.JWKSTimeout || (error instanceof errors.JOSEError && error.code === 'ERR_JWKS_INVALID')) {
    return new CodedError(ErrorCode.UNAUTHENTICATED, 'Signing keys are unavailable; try again shortly.', { reason: 'KEYS_UNAVAILABLE' });
  }
  return new CodedError(ErrorCode.UNAUTHENTICATED, 'The access token is not valid.', { reason: 'TOKEN_INVALID' });
}
