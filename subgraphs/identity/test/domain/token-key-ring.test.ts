import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { grantedFrom } from '../../src/external/oauth-provider.ts';
import { ProviderRefusal } from '../../src/external/provider-errors.ts';
import { createTokenKeyRing, parseTokenKeys, tokenKeyRingFromConfig, UnknownTokenKeyError } from '../../src/tokens/token-key-ring.ts';

const k1 = randomBytes(32);
const k2 = randomBytes(32);

describe('the token key ring', () => {
  it('seals under the current key and opens with the key named beside the ciphertext', () => {
    const before = createTokenKeyRing(new Map([['k1', k1]]), 'k1');
    const sealed = before.seal('gho_secret', 'integration_accounts:u:gmail:access');
    expect(sealed.keyId).toBe('k1');
    expect(sealed.sealed.toString('utf8')).not.toContain('gho_secret');

    const after = createTokenKeyRing(new Map([['k2', k2], ['k1', k1]]), 'k2');
    expect(after.open(sealed, 'integration_accounts:u:gmail:access')).toBe('gho_secret');
    expect(after.isStale(sealed.keyId)).toBe(true);
    expect(after.seal('new', 'c').keyId).toBe('k2');
    expect(() => createTokenKeyRing(new Map([['k2', k2]]), 'k2').open(sealed, 'integration_accounts:u:gmail:access')).toThrow(UnknownTokenKeyError);
  });

  it('refuses a ciphertext moved to another row, or altered', () => {
    const ring = createTokenKeyRing(new Map([['k1', k1]]), 'k1');
    const sealed = ring.seal('token', 'integration_accounts:ada:gmail:access');
    expect(() => ring.open(sealed, 'integration_accounts:bob:gmail:access')).toThrow();
    const flipped = Buffer.from(sealed.sealed);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => ring.open({ keyId: 'k1', sealed: flipped }, 'integration_accounts:ada:gmail:access')).toThrow();
  });

  it('reads IDENTITY_TOKEN_KEYS and refuses short keys, repeated ids and an unknown current id', () => {
    const text = `2026-11:${k2.toString('base64')}, 2026-05:${k1.toString('base64')}`;
    expect([...parseTokenKeys(text).keys()]).toEqual(['2026-11', '2026-05']);
    expect(tokenKeyRingFromConfig({ IDENTITY_TOKEN_KEYS: text, IDENTITY_KEY_SECRET: 'x'.repeat(16) }).currentKeyId).toBe('2026-11');
    expect(tokenKeyRingFromConfig({ IDENTITY_TOKEN_KEYS: text, IDENTITY_TOKEN_KEY_ID: '2026-05', IDENTITY_KEY_SECRET: 'x'.repeat(16) }).currentKeyId).toBe('2026-05');
    expect(tokenKeyRingFromConfig({ IDENTITY_KEY_SECRET: 'x'.repeat(16) }).currentKeyId).toBe('dev-1');
    expect(() => tokenKeyRingFromConfig({ IDENTITY_TOKEN_KEYS: `a:${randomBytes(16).toString('base64')}`, IDENTITY_KEY_SECRET: 'x'.repeat(16) })).toThrow(/32 bytes/);
    expect(() => parseTokenKeys(`a:${k1.toString('base64')},a:${k2.toString('base64')}`)).toThrow(/twice/);
    expect(() => tokenKeyRingFromConfig({ IDENTITY_TOKEN_KEYS: text, IDENTITY_TOKEN_KEY_ID: 'gone', IDENTITY_KEY_SECRET: 'x'.repeat(16) })).toThrow(UnknownTokenKeyError);
  });
});

describe('a token endpoint answer', () => {
  it('reads expiry, refresh token and scopes separated by spaces or commas', () => {
    const granted = grantedFrom({ access_token: 'at', expires_in: 3600, refresh_token: 'rt', scope: 'email,openid profile' });
    expect(granted).toMatchObject({ accessToken: 'at', refreshToken: 'rt', scopes: ['email', 'openid', 'profile'] });
    expect(granted.expiresAt!.getTime() - Date.now()).toBeGreaterThan(3590_000);
    expect(grantedFrom({ access_token: 'at' })).toMatchObject({ refreshToken: null, expiresAt: null, scopes: null });
  });

  it('takes GitHub’s 200 answer with an error field as a refusal', () => {
    expect(() => grantedFrom({ error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.' })).toThrow(ProviderRefusal);
  });
});
