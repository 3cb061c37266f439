import { SignJWT, decodeJwt, generateKeyPair, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { createInternalTokenSigner, createInternalTokenVerifier, generateInternalKeyPair, type Principal } from '@jobgraph/kit';

const ada: Principal = { kind: 'user', userId: '0b9f6c1e-8d1a-4b0e-9a52-5a4f1c2d3e4f', roles: ['candidate'], scopes: [], sessionId: 'session-1', plan: 'free' };
const grace: Principal = { ...ada, userId: '1c9f6c1e-8d1a-4b0e-9a52-5a4f1c2d3e4f', sessionId: 'session-2' };
const browser = { userAgent: 'Firefox', ip: '203.0.113.7' };

describe('internal tokens', () => {
  it('hands one caller the same token for half its lifetime, then a new one; another caller or client gets its own', async () => {
    const keys = await generateInternalKeyPair();
    let clock = Date.now();
    const signer = createInternalTokenSigner(keys.privateJwk, 60, () => clock);
    const first = await signer.sign(ada, browser);
    expect(await signer.sign(ada, browser)).toBe(first);
    expect(await signer.sign(grace, browser)).not.toBe(first);
    expect(await signer.sign(ada, { ...browser, ip: '198.51.100.1' })).not.toBe(first);
    expect(await signer.sign({ ...ada, roles: ['candidate', 'employer'] }, browser)).not.toBe(first);
    const claims = decodeJwt(first);
    expect(claims).toMatchObject({ sub: ada.userId, sid: 'session-1', cip: '203.0.113.7', exp: (claims.iat ?? 0) + 60 });
    expect(claims).not.toHaveProperty('rid');
    clock = (claims.iat ?? 0) * 1000 + 30_000;
    const second = await signer.sign(ada, browser);
    expect(second).not.toBe(first);
    expect(decodeJwt(second).iat).toBe((claims.iat ?? 0) + 30);
  });

  it('verifies what the gateway signed, again and again, and refuses expired, tampered and foreign tokens', async () => {
    const keys = await generateInternalKeyPair();
    const verifier = createInternalTokenVerifier(keys.publicJwk);
    const token = await createInternalTokenSigner(keys.privateJwk).sign(ada, browser);
    for (let i = 0; i < 3; i += 1) expect(await verifier.verify(token)).toEqual({ principal: ada, client: browser });

    const expired = await createInternalTokenSigner(keys.privateJwk, 60, () => Date.now() - 120_000).sign(ada, browser);
    await expect(verifier.verify(expired)).rejects.toThrow();

    const [header, payload, signature] = token.split('.') as [string, string, string];
    const asAdmin = Buffer.from(JSON.stringify({ ...decodeJwt(token), roles: ['admin'] })).toString('base64url');
    await expect(verifier.verify(`${header}.${asAdmin}.${signature}`)).rejects.toThrow();
    expect(payload).not.toBe(asAdmin);

    const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const foreign = await new SignJWT({ kind: 'user', roles: ['admin'], sid: 's' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'jobgraph-internal+jwt' })
      .setIssuer('jobgraph-gateway').setAudience('jobgraph-subgraph').setSubject(ada.userId).setIssuedAt().setExpirationTime('1m')
      .sign(stranger.privateKey);
    await expect(verifier.verify(foreign)).rejects.toThrow();

    const forever = await new SignJWT({ kind: 'anonymous' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'jobgraph-internal+jwt' })
      .setIssuer('jobgraph-gateway').setAudience('jobgraph-subgraph').setIssuedAt()
      .sign(await importJWK(keys.privateJwk, 'EdDSA'));
    await expect(verifier.verify(forever)).rejects.toThrow(); // no expiry: refused, never remembered
  });
});
