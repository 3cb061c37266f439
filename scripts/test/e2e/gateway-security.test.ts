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

  it('answers viewer without a token with UNAUTHENTICATED', async () => {
    const result = await story().anonymous(viewer);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
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
    expect(result.errors?.[0]?.message).toMatch(/nested \d+ levels deep; the limit is 12/);
  });

  it('rejects too many aliases', async () => {
    const query = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const result = await story().anonymous(query);
    expect(result.errors?.[0]?.message).toBe('The operation uses 31 aliases; the limit is 30.');
  });

  it('rejects a document with too many tokens before validating it', async () => {
    const query = `{ ${'__typename '.repeat(6000)} }`;
    const result = await story().anonymous(query);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
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

