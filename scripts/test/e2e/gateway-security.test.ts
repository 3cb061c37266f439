import { SignJWT, UnsecuredJWT, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { createKeyEncryption } from '@jobgraph/identity/tokens/key-encryption';
import { createSigningKeyStore } from '@jobgraph/identity/tokens/signing-keys';
import type { IdentityDatabase } from '@jobgraph/identity';
import { graphql } from './graphql-client.ts';
import { useStory } from './story.ts';

// A short JWKS cooldown lets the rotation test run in seconds rather than minutes.
const story = useStory({ jwksCooldownMs: 500 });
const propagationSeconds = 1;
const viewer = '{ viewer { id displayName email roles } }';

async function identityKeys() {
  const { database } = story();
  const db = createKysely<IdentityDatabase>({ url: database.urlFor('identity'), maxConnections: 1 });
  const store = createSigningKeyStore(db, { encryption: createKeyEncryption('jobgraph-development-only-key-secret'), rotationDays: 30, propagationSeconds, accessTokenTtlSeconds: 900, cacheSeconds: 0 });
  return { db, store };
}

describe('who the gateway lets through', () => {
  it('serves the viewer to a signed-up user’s access token', async () => {
    const ada = await story().candidate('Ada');
    const result = await ada.request(viewer);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ viewer: { id: ada.id, displayName: 'Ada', email: ada.email, roles: ['CANDIDATE'] } });
    expect(result.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers viewer without a token with one clean UNAUTHENTICATED error', async () => {
    const result = await story().anonymous(viewer);
    expect(result.errors).toEqual([{ message: expect.any(String) as string, path: ['viewer'], extensions: { code: 'UNAUTHENTICATED' } }]);
    expect(result.data?.viewer ?? null).toBeNull();
  });

  it('refuses a token signed with another key under identity’s kid', async () => {
    const ada = await story().candidate('Mallory');
    const { kid } = decodeProtectedHeader(ada.accessToken);
    const forger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await new SignJWT({ roles: ['admin'], sid: 'x', scope: '' })
      .setProtectedHeader({ alg: 'EdDSA', kid: kid ?? 'x', typ: 'at+jwt' })
      .setIssuer('jobgraph-identity').setAudience('jobgraph').setSubject(ada.id).setIssuedAt().setExpirationTime('10m')
      .sign(forger.privateKey);
    const result = await graphql(story().stack.gatewayUrl, viewer, {}, forged);
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const unsigned = new UnsecuredJWT({ roles: ['admin'], sid: 'x' }).setIssuer('jobgraph-identity').setAudience('jobgraph').setSubject('someone').setExpirationTime('10m').encode();
    const result = await graphql(story().stack.gatewayUrl, viewer, {}, unsigned);
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_INVALID' });
  });

  it('refuses an expired token signed with identity’s real key', async () => {
    const ada = await story().candidate('Late');
    const { db, store } = await identityKeys();
    try {
      const key = await store.current();
      const past = Math.floor(Date.now() / 1000) - 3600;
      const expired = await new SignJWT({ roles: ['candidate'], sid: crypto.randomUUID(), scope: '' })
        .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'at+jwt' })
        .setIssuer('jobgraph-identity').setAudience('jobgraph').setSubject(ada.id).setIssuedAt(past - 900).setExpirationTime(past)
        .sign(key.privateKey);
      const result = await graphql(story().stack.gatewayUrl, viewer, {}, expired);
      expect(result.status).toBe(401);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' });
    } finally {
      await db.destroy();
    }
  });

  it('publishes a rotated key before signing with it, and the gateway accepts its tokens without a restart', async () => {
    const before = await story().candidate('Before');
    expect((await before.request(viewer)).data?.viewer).toBeTruthy();
    const { db, store } = await identityKeys();
    try {
      const oldKid = (await store.current()).kid;
      const newKid = await store.rotate();
      const jwksUrl = new URL('/.well-known/jwks.json', story().stack.subgraphs.identity.url);
      const published = (await (await fetch(jwksUrl)).json()) as { keys: { kid: string }[] };
      expect(published.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
      expect((await store.current()).kid).toBe(oldKid);

      await new Promise((resolve) => setTimeout(resolve, propagationSeconds * 1000 + 100));
      const key = await store.current();
      expect(key.kid).toBe(newKid);
      const now = Math.floor(Date.now() / 1000);
      const fresh = await new SignJWT({ roles: ['candidate'], sid: crypto.randomUUID(), scope: '' })
        .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'at+jwt' })
        .setIssuer('jobgraph-identity').setAudience('jobgraph').setSubject(before.id).setIssuedAt(now).setExpirationTime(now + 600)
        .sign(key.privateKey);
      const result = await graphql<{ viewer: { id: string } }>(story().stack.gatewayUrl, viewer, {}, fresh);
      expect(result.errors).toBeUndefined();
      expect(result.data?.viewer.id).toBe(before.id);
      // Tokens signed by the superseded key keep working until they expire.
      expect((await before.request(viewer)).data?.viewer).toBeTruthy();
    } finally {
      await db.destroy();
    }
  });
});

describe('subgraphs are reachable only through the gateway', () => {
  it('refuses a request straight to a subgraph without the internal token', async () => {
    for (const service of Object.values(story().stack.subgraphs)) {
      const result = await graphql(service.url, '{ __typename }');
      expect(result.status, service.name).toBe(401);
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a direct _entities call, even with a user’s access token', async () => {
    const ada = await story().candidate('Direct');
    const entities = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id email } } }';
    const result = await graphql(story().stack.subgraphs.identity.url, entities, { r: [{ __typename: 'User', id: ada.id }] }, ada.accessToken);
    expect(result.status).toBe(401);
    expect(result.data ?? null).toBeNull();
  });

  it('refuses an internal token signed by anyone but the gateway', async () => {
    const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const token = await new SignJWT({ kind: 'user', roles: ['admin'], sid: 's', rid: 'r' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'jobgraph-internal+jwt' })
      .setIssuer('jobgraph-gateway').setAudience('jobgraph-subgraph').setSubject(crypto.randomUUID()).setExpirationTime('1m')
      .sign(stranger.privateKey);
    expect(await exportJWK(stranger.publicKey)).toBeTruthy();
    const result = await graphql(story().stack.subgraphs.identity.url, '{ __typename }', {}, token);
    expect(result.status).toBe(401);
  });
});

describe('bad requests get clear errors', () => {
  it('rejects malformed GraphQL with GRAPHQL_PARSE_FAILED', async () => {
    const result = await story().anonymous('{ viewer { id ');
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('rejects a field that does not exist with GRAPHQL_VALIDATION_FAILED', async () => {
    const result = await story().anonymous('{ viewer { passwordHash } }');
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('rejects a malformed email before any resolver runs', async () => {
    const result = await story().anonymous('mutation ($e: EmailAddress!) { signIn(input: { email: $e, password: "whatever-it-is" }) { errors { code } } }', { e: 'not-an-email' });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects a query nested too deeply', async () => {
    const deep = `{ viewer { applications { edges { node { job { company { jobs { edges { node { company { jobs { edges { node { id } } } } } } } } } } } } } }`;
    const result = await story().anonymous(deep);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/nested \d+ levels deep; the limit is 12/);
    expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
  });

  it('rejects too many aliases', async () => {
    const query = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const result = await story().anonymous(query);
    expect(result.errors?.[0]?.message).toBe('The operation uses 31 aliases; the limit is 30.');
    expect(result.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
  });

  it('rejects a document with too many tokens before validating it', async () => {
    const query = `{ ${'__typename '.repeat(6000)} }`;
    const result = await story().anonymous(query);
    expect(result.errors?.[0]?.extensions?.code).toBe('TOO_MANY_TOKENS');
    expect(result.errors?.[0]?.message).toMatch(/5000 tokens/);
  });

  it('refuses an oversized body with 413', async () => {
    const response = await fetch(story().stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `# ${'x'.repeat(200_000)}\n{ __typename }` }),
    });
    expect(response.status).toBe(413);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const response = await fetch(story().stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
  });
});

describe('GraphiQL', () => {
  it('is served by the gateway itself, assets included', async () => {
    const page = await fetch(story().stack.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('renderYogaGraphiQL');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z]/i);
    const origin = new URL(story().stack.gatewayUrl).origin;
    const script = await fetch(`${origin}/graphiql/yoga-graphiql.umd.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${origin}/graphiql/../package.json`)).status).toBe(404);
  });
});


describe('operation limits, tried as a hostile caller would', () => {
  const fragmentBomb = (levels: number) => {
    let document = '{ viewer { ...F0 } }';
    for (let i = 0; i < levels; i += 1) document += i < levels - 1 ? ` fragment F${i} on User { ...F${i + 1} ...F${i + 1} }` : ` fragment F${i} on User { id }`;
    return document;
  };

  it('refuses 24 fragments each spreading the next twice, and a second caller meanwhile is served', async () => {
    const bomb = fragmentBomb(24);
    expect(bomb.length).toBeLessThan(1000);
    const [refused, served] = await Promise.all([story().anonymous(bomb), story().anonymous('{ __typename }')]);
    expect(refused.status).toBe(400);
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_LARGE');
    expect(served.data).toEqual({ __typename: 'Query' });
    // 400 levels would take longer than the universe has left if any rule walked the spreads.
    expect((await story().anonymous(fragmentBomb(400))).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_LARGE');
  });

  it('refuses 500 aliases, 50 levels, 21 root fields and 51 directives, each with its own code', async () => {
    const cases: Array<[string, string]> = [
      [`{ ${Array.from({ length: 500 }, (_, i) => `a${i}: __typename`).join(' ')} }`, 'TOO_MANY_ALIASES'],
      [`{ viewer { ${'applications { edges { node { job { '.repeat(12)}id${' } } } }'.repeat(12)} } }`, 'QUERY_TOO_DEEP'],
      [`{ ${'__typename '.repeat(21)} }`, 'TOO_MANY_ROOT_FIELDS'],
      [`{ __typename ${'@skip(if: false) '.repeat(51)} }`, 'TOO_MANY_DIRECTIVES'],
    ];
    for (const [query, code] of cases) {
      const result = await story().anonymous(query);
      expect(result.status, code).toBe(400);
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    }
  });

  it('refuses a batch of operations', async () => {
    const response = await fetch(story().stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('BATCHING_NOT_SUPPORTED');
  });

  it('applies the same limits to GET', async () => {
    const url = new URL(story().stack.gatewayUrl);
    url.searchParams.set('query', fragmentBomb(24));
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('QUERY_TOO_LARGE');
  });
});

describe('bad bytes and bad requests stop at the edge', () => {
  const signIn = 'mutation ($e: EmailAddress!, $p: String!) { signIn(input: { email: $e, password: $p }) { errors { code } } }';

  it('refuses a NUL byte in a variable or a literal as BAD_USER_INPUT', async () => {
    const variable = await story().anonymous(signIn, { e: 'ada@example.com', p: 'pass\u0000word-long-enough' });
    expect(variable.status).toBe(400);
    expect(variable.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const literal = await story().anonymous('mutation { signIn(input: { email: "ada@example.com", password: "pass\\u0000word-long" }) { errors { code } } }');
    expect(literal.status).toBe(400);
    expect(literal.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a lone UTF-16 surrogate, sent as a JSON escape, as BAD_USER_INPUT', async () => {
    const body = `{"query": ${JSON.stringify(signIn)}, "variables": {"e": "ada@example.com", "p": "broken \\ud800 surrogate"}}`;
    const response = await fetch(story().stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers malformed URL escapes and unknown paths with 4xx, never 500', async () => {
    const origin = new URL(story().stack.gatewayUrl).origin;
    for (const path of ['/graphiql/%E0%A4%A', '/graphiql/%', '/graphql%zz', '/nope', '/%00', '/graphiql/%00x.js']) {
      const response = await fetch(origin + path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
    }
    expect((await rawRequest(origin, 'GET //[ HTTP/1.1\r\nHost: x\r\n\r\n')).startsWith('HTTP/1.1 4')).toBe(true);
  });

  it('refuses a 10 MB chunked body with 413 and closes the connection cleanly; the gateway keeps serving', async () => {
    const { status, closed } = await chunkedUpload(story().stack.gatewayUrl, 10 * 1024 * 1024);
    expect(status).toBe(413);
    expect(closed).toBe(true);
    expect((await story().anonymous('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });
});

async function rawRequest(origin: string, text: string): Promise<string> {
  const { connect } = await import('node:net');
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      socket.end();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** Streams `bytes` of a JSON body in 64 KB chunks (no content-length) and reports the answer and whether the socket closed. */
async function chunkedUpload(url: string, bytes: number): Promise<{ status: number; closed: boolean }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
    let status = 0;
    req.on('response', (response) => {
      status = response.statusCode ?? 0;
      response.resume();
      response.on('end', () => {
        req.socket?.once('close', () => resolve({ status, closed: true }));
        if (req.socket?.destroyed) resolve({ status, closed: true });
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close while we are still writing; what matters is that it answered first.
      if (status && (error.code === 'EPIPE' || error.code === 'ECONNRESET')) resolve({ status, closed: true });
      else reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    req.write('{"query": "');
    pump();
  });
}
