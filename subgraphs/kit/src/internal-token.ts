import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { anonymous, isRole, unknownRequestClient, type Principal, type RequestClient } from './principal.ts';
import { verifiedTokens } from './verified-tokens.ts';

/**
 * The gateway vouches for the caller with a short-lived token that every subgraph
 * verifies. It is signed with the gateway's own Ed25519 key, so a subgraph can check
 * it but never mint one.
 *
 * A token says who calls (principal and client), nothing about one request: the gateway
 * hands the same token to every request of that caller for the first half of its life,
 * and a subgraph that checked a token's signature remembers it until it expires, so a
 * busy caller costs one signature and one check per subgraph every half minute instead
 * of one each per request. The request id travels in the `x-request-id` header.
 */
const issuer = 'jobgraph-gateway';
const audience = 'jobgraph-subgraph';
const algorithm = 'EdDSA';

export interface InternalKeyPair {
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

export async function generateInternalKeyPair(): Promise<InternalKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(algorithm, { crv: 'Ed25519', extractable: true });
  return { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
}

export interface InternalTokenSigner {
  /** A token for this caller: a fresh one, or the one signed for the same claims less than half its lifetime ago. */
  sign(principal: Principal, client?: RequestClient): Promise<string>;
}

/** Callers whose tokens are kept for reuse, at most (the oldest dropped first). */
const reusedTokens = 1000;

export function createInternalTokenSigner(privateJwk: JWK, ttlSeconds = 60, now: () => number = Date.now): InternalTokenSigner {
  const key = importJWK(privateJwk, algorithm);
  const signed = new Map<string, { readonly token: Promise<string>; readonly reuseUntil: number }>();
  const signClaims = async (claims: Record<string, unknown>, subject: string | null, issuedAt: number) => {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: algorithm, typ: 'jobgraph-internal+jwt' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttlSeconds);
    if (subject !== null) jwt.setSubject(subject);
    return jwt.sign(await key);
  };
  return {
    sign(principal, client = unknownRequestClient) {
      const seen = { cua: client.userAgent, cip: client.ip };
      const claims =
        principal.kind === 'user'
          ? { kind: 'user', roles: principal.roles, scp: principal.scopes, sid: principal.sessionId, plan: principal.plan, ...seen }
          : { kind: 'anonymous', ...seen };
      const subject = principal.kind === 'user' ? principal.userId : null;
      const cacheKey = JSON.stringify([subject, claims]);
      const at = now();
      const reused = signed.get(cacheKey);
      if (reused && reused.reuseUntil > at) return reused.token;
      const issuedAt = Math.floor(at / 1000);
      const token = signClaims(claims, subject, issuedAt);
      signed.delete(cacheKey);
      if (signed.size >= reusedTokens) {
        const oldest = signed.keys().next();
        if (!oldest.done) signed.delete(oldest.value);
      }
      // Half the lifetime, counted from the whole second the token says it was issued at.
      signed.set(cacheKey, { token, reuseUntil: issuedAt * 1000 + (ttlSeconds * 1000) / 2 });
      token.catch(() => signed.delete(cacheKey));
      return token;
    },
  };
}

export interface VerifiedInternalToken {
  readonly principal: Principal;
  readonly client: RequestClient;
}

export interface InternalTokenVerifier {
  /** Throws when the token is missing its signature, expired, or not the gateway's. */
  verify(token: string): Promise<VerifiedInternalToken>;
}

export function createInternalTokenVerifier(publicJwk: JWK): InternalTokenVerifier {
  const key = importJWK(publicJwk, algorithm);
  const verified = verifiedTokens<VerifiedInternalToken>({ maxEntries: reusedTokens });
  return {
    async verify(token) {
      const known = verified.get(token);
      if (known) return known;
      const { payload } = await jwtVerify(token, await key, {
        issuer,
        audience,
        algorithms: [algorithm],
        typ: 'jobgraph-internal+jwt',
        clockTolerance: 5,
        requiredClaims: ['exp'],
      });
      const answer = readClaims(payload);
      verified.remember(token, answer, (payload.exp ?? 0) * 1000);
      return answer;
    },
  };
}

function readClaims(payload: JWTPayload): VerifiedInternalToken {
  const client = { userAgent: typeof payload.cua === 'string' ? payload.cua : null, ip: typeof payload.cip === 'string' ? payload.cip : null };
  if (payload.kind !== 'user') return { principal: anonymous, client };
  if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw new Error('internal token lacks sub or sid');
  const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
  const scopes = Array.isArray(payload.scp) ? payload.scp.filter((s): s is string => typeof s === 'string') : [];
  return {
    principal: {
      kind: 'user',
      userId: payload.sub,
      roles,
      scopes,
      sessionId: payload.sid,
      plan: typeof payload.plan === 'string' ? payload.plan : null,
    },
    client,
  };
}
