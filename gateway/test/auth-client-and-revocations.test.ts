import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientOf, trustedProxies } from '../src/auth/client-address.ts';
import { createRevokedSessions } from '../src/auth/revoked-sessions.ts';

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
