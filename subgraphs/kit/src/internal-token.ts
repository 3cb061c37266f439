import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK } from 'jose';
import { anonymous, isRole, unknownRequestClient, type Principal, type RequestClient } from './principal.ts';

/**
 * The gateway vouches for the caller with a short-lived token that every subgraph
 * verifies. It is signed with the gateway's own Ed25519 key, so a subgraph can check
 * it but never mint one.
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
  sign(principal: Principal, requestId: string, client?: RequestClient): Promise<string>;
}

export function createInternalTokenSigner(privateJwk: JWK, ttlSeconds = 60): InternalTokenSigner {
  const key = importJWK(privateJwk, algorithm);
  return {
    async sign(principal, requestId, client = unknownRequestClient) {
      const seen = { cua: client.userAgent, cip: client.ip };
      const claims =
        principal.kind === 'user'
          ? { kind: 'user', roles: principal.roles, scp: principal.scopes, sid: principal.sessionId, plan: principal.plan, rid: requestId, ...seen }
          : { kind: 'anonymous', rid: requestId, ...seen };
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: algorithm, typ: 'jobgraph-internal+jwt' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`);
      if (principal.kind === 'user') jwt.setSubject(principal.userId);
      return jwt.sign(await key);
    },
  };
}

export interface VerifiedInternalToken {
  readonly principal: Principal;
  readonly requestId: string | null;
  readonly client: RequestClient;
}

export interface InternalTokenVerifier {
  /** Throws when the token is missing its signature, expired, or not the gateway's. */
  verify(token: string): Promise<VerifiedInternalToken>;
}

export function createInternalTokenVerifier(publicJwk: JWK): InternalTokenVerifier {
  const key = importJWK(publicJwk, algorithm);
  return {
    async verify(token) {
      const { payload } = await jwtVerify(token, await key, {
        issuer,
        audience,
        algorithms: [algorithm],
        typ: 'jobgraph-internal+jwt',
        clockTolerance: 5,
      });
      const requestId = typeof payload.rid === 'string' ? payload.rid : null;
      const client = { userAgent: typeof payload.cua === 'string' ? payload.cua : null, ip: typeof payload.cip === 'string' ? payload.cip : null };
      if (payload.kind !== 'user') return { principal: anonymous, requestId, client };
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
        requestId,
        client,
      };
    },
  };
}
