import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientOf, trustedProxies } from '../src/auth/client-address.ts';
import { createRevokedSessions } from '../src/auth/revoked-sessions.ts';
import { apiKeyOf, cachedApiKeyResolver } from '../src/auth/api-key.ts';

const request = (peer: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress: peer }, headers }) as unknown as IncomingMessage;

describe('client address', () => {
  const proxies = trustedProxies(['10.0.0.0/8', '192.0.2.1']);

  it('ignores a forwarded-for header from a peer that is not a trusted proxy', () => {
    expect(clientOf(request('203.0.113.5', { 'x-forwarded-for': '198.51.100.1' }), proxies).ip).toBe('203.0.113.5');
  });

  it('walks the chain from the right past trusted proxies', () => {
    expect(clientOf(request('10.1.2.3', { 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 192.0.2.1', 'user-agent': 'UA/1' }), proxies)).toEqual({ ip: '198.51.100.7', userAgent: 'UA/1' });
    expect(clientOf(request('::ffff:10.1.2.3', { 'x-forwarded-for': 'garbage, 198.51.100.8' }), proxies).ip).toBe('198.51.100.8');
  });

  it('refuses a malformed proxy list', () => {
    expect(() => trustedProxies(['proxy.example.org'])).toThrow(/TRUSTED_PROXIES/);
  });
});

describe('revoked sessions', () => {
  it('remembers a revocation for the access-token lifetime, then forgets it', () => {
    let now = 1_000_000;
    const revoked = createRevokedSessions(900, () => now);
    revoked.add('a', new Date(now));
    revoked.add('old', new Date(now - 901_000));
    expect(revoked.has('a')).toBe(true);
    expect(revoked.has('old')).toBe(false);
    now += 900_001;
    expect(revoked.has('a')).toBe(false);
    expect(revoked.size).toBe(0);
  });
});

describe('API key answers', () => {
  it('are remembered at most 30 s, however long the cache is asked to keep them', async () => {
    let now = 0;
    let asked = 0;
    const inner = { resolve: async () => ((asked += 1), null) };
    const cached = cachedApiKeyResolver(inner, 600_000, () => now);
    await cached.resolve('jg_secret');
    now = 29_999;
    await cached.resolve('jg_secret');
    expect(asked).toBe(1);
    now = 30_000;
    await cached.resolve('jg_secret');
    expect(asked).toBe(2);
  });

  it('reads the key from Authorization: ApiKey or x-api-key, and nothing from a bearer token', () => {
    expect(apiKeyOf(request('1.2.3.4', { authorization: 'ApiKey jg_abc' }))).toBe('jg_abc');
    expect(apiKeyOf(request('1.2.3.4', { 'x-api-key': ' jg_def ' }))).toBe('jg_def');
    expect(apiKeyOf(request('1.2.3.4', { authorization: 'Bearer eyJ' }))).toBeNull();
  });
});
