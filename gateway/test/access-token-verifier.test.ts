import { SignJWT, UnsecuredJWT, createLocalJWKSet, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodedError } from '@jobgraph/kit';
import { createAccessTokenVerifier, type AccessTokenVerifier } from '../src/auth/access-token-verifier.ts';

let signingKey: CryptoKey;
let verifier: AccessTokenVerifier;

beforeAll(async () => {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  signingKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'EdDSA' };
  verifier = createAccessTokenVerifier(createLocalJWKSet({ keys: [jwk] }));
});

function token(overrides: { iss?: string; aud?: string; typ?: string; exp?: number; key?: CryptoKey; kid?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ roles: ['candidate', 'bogus'], scope: 'jobs:read', sid: 'session-1', plan: 'free' })
    .setProtectedHeader({ alg: 'EdDSA', kid: overrides.kid ?? 'k1', typ: overrides.typ ?? 'at+jwt' })
    .setIssuer(overrides.iss ?? 'jobgraph-identity')
    .setAudience(overrides.aud ?? 'jobgraph')
    .setSubject('0b9f6c1e-8d1a-4b0e-9a52-5a4f1c2d3e4f')
    .setIssuedAt(now - 60)
    .setExpirationTime(overrides.exp ?? now + 600)
    .sign(overrides.key ?? signingKey);
}

async function rejection(promise: Promise<unknown>): Promise<{ code: unknown; reason: unknown }> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(CodedError);
  const extensions = (error as CodedError).extensions;
  return { code: extensions.code, reason: extensions.reason };
}

describe('access token verification', () => {
  it('turns a valid token into a user principal with known roles only', async () => {
    const principal = await verifier.verify(await token());
    expect(principal).toEqual({
      kind: 'user',
      userId: '0b9f6c1e-8d1a-4b0e-9a52-5a4f1c2d3e4f',
      roles: ['candidate'],
      scopes: ['jobs:read'],
      sessionId: 'session-1',
      plan: 'free',
    });
  });

  it('rejects an expired token and says so', async () => {
    const expired = await token({ exp: Math.floor(Date.now() / 1000) - 60 });
    expect(await rejection(verifier.verify(expired))).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' });
  });

  it('rejects a token signed by another key under a known kid', async () => {
    const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    expect(await rejection(verifier.verify(await token({ key: other.privateKey })))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('rejects an unsigned token (alg: none)', async () => {
    const unsigned = new UnsecuredJWT({ sid: 's', roles: ['admin'] }).setIssuer('jobgraph-identity').setAudience('jobgraph').setSubject('x').setExpirationTime('1h').encode();
    expect(await rejection(verifier.verify(unsigned))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_INVALID' });
  });

  it('rejects a token for another audience, issuer or type', async () => {
    for (const bad of [{ aud: 'elsewhere' }, { iss: 'someone-else' }, { typ: 'JWT' }]) {
      expect(await rejection(verifier.verify(await token(bad)))).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('rejects garbage', async () => {
    expect(await rejection(verifier.verify('not.a.jwt'))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('access tokens already verified', () => {
  /** A key set that counts how often a signature had to be checked. */
  async function counting(now: () => number) {
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'EdDSA' }] });
    let checks = 0;
    const verifier = createAccessTokenVerifier((header, input) => {
      checks += 1;
      return keys(header, input);
    }, { now });
    return { verifier, key: pair.privateKey, checks: () => checks };
  }

  it('answers a token presented again from memory, for a minute at most and never past its expiry', async () => {
    let clock = Date.now();
    const { verifier: remembering, key, checks } = await counting(() => clock);
    const long = await token({ key });
    const first = await remembering.verify(long);
    expect(await remembering.verify(long)).toEqual(first);
    expect(checks()).toBe(1);
    clock += 61_000;
    expect(await remembering.verify(long)).toEqual(first);
    expect(checks()).toBe(2);

    const short = await token({ key, exp: Math.floor(Date.now() / 1000) + 2 });
    clock = Date.now();
    await remembering.verify(short);
    clock += 3_000; // past its expiry by the verifier's clock: checked again, not answered from memory
    await remembering.verify(short).catch(() => null);
    expect(checks()).toBe(4);
  });

  it('checks in full a token that differs from a remembered one, and refuses it when its signature does not match', async () => {
    const { verifier: remembering, key, checks } = await counting(Date.now);
    const good = await token({ key });
    await remembering.verify(good);
    const [header, payload, signature] = good.split('.') as [string, string, string];
    const otherPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), roles: ['admin'] })).toString('base64url');
    expect(await rejection(remembering.verify(`${header}.${otherPayload}.${signature}`))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_INVALID' });
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await rejection(remembering.verify(`${header}.${payload}.${flipped}`))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(checks()).toBe(3);
  });
});
