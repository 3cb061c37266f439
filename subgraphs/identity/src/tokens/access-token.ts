import { SignJWT } from 'jose';
import type { DbRole } from '../db/types.ts';
import { signingAlgorithm, type SigningKeyStore } from './signing-keys.ts';

/** Who the gateway expects to have issued a token, and for whom. Shared with the gateway's verifier. */
export const accessTokenIssuer = 'jobgraph-identity';
export const accessTokenAudience = 'jobgraph';
export const accessTokenType = 'at+jwt';

export interface AccessTokenSubject {
  readonly userId: string;
  readonly roles: readonly DbRole[];
  readonly sessionId: string;
  readonly scopes: readonly string[];
  readonly plan: string | null;
}

export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresAt: Date;
}

/** An RFC 9068 access token: `sub`, `sid`, roles, scopes and plan, signed with the current key. */
export async function issueAccessToken(keys: SigningKeyStore, subject: AccessTokenSubject, ttlSeconds: number): Promise<IssuedAccessToken> {
  const key = await keys.current();
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = new Date((now + ttlSeconds) * 1000);
  const token = await new SignJWT({ roles: subject.roles, scope: subject.scopes.join(' '), sid: subject.sessionId, plan: subject.plan })
    .setProtectedHeader({ alg: signingAlgorithm, kid: key.kid, typ: accessTokenType })
    .setIssuer(accessTokenIssuer)
    .setAudience(accessTokenAudience)
    .setSubject(subject.userId)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .setJti(crypto.randomUUID())
    .sign(key.privateKey);
  return { token, expiresAt };
}
