import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { createInProcessTransport, createLogger } from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import { dataOf, type GraphQLResponse } from './graphql-client.ts';
import { useStory, type Member } from './story.ts';

/** A short answer cache, so revocation shows within the test; production uses the 30 s cap. */
const story = useStory({ apiKeyCacheMs: 1_000, events: () => createInProcessTransport(createLogger('events', 'silent')) });

const create = 'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id name prefix scopes expiresAt } secret errors { field code } } }';
interface Created { createApiKey: { apiKey: { id: string; prefix: string; scopes: string[] } | null; secret: string | null; errors: { field: string[]; code: string }[] } }

/** A request as a partner's server would send it: the key in a header, no session. */
async function partner<T>(headers: Record<string, string>, query: string): Promise<GraphQLResponse<T>> {
  const response = await fetch(story().stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: response.status, headers: response.headers, ...((await response.json()) as object) };
}

async function newKey(member: Member, scopes: string[]): Promise<{ id: string; prefix: string; secret: string }> {
  const result = dataOf(await member.request<Created>(create, { input: { name: 'Partner sync', scopes } }));
  const { apiKey, secret } = result.createApiKey;
  if (!apiKey || !secret) throw new Error(JSON.stringify(result.createApiKey.errors));
  return { id: apiKey.id, prefix: apiKey.prefix, secret };
}

describe('partner API keys (AR-01)', () => {
  it('shows the secret once, lists the prefix, and lets a partner read with the key in either header', async () => {
    const ada = await story().candidate('Ada Partner');
    const key = await newKey(ada, ['profile:read']);
    expect(key.secret.startsWith(`${key.prefix}_`)).toBe(true);
    expect(key.prefix).toMatch(/^jg_[\w-]{8}$/);

    const list = dataOf(await ada.request<{ viewer: { apiKeys: { edges: { node: Record<string, unknown> }[] } } }>('{ viewer { apiKeys(first: 5) { edges { node { id prefix scopes lastUsedAt revokedAt } } } } }'));
    expect(list.viewer.apiKeys.edges.map((e) => e.node)).toEqual([{ id: key.id, prefix: key.prefix, scopes: ['profile:read'], lastUsedAt: null, revokedAt: null }]);
    expect(JSON.stringify(list)).not.toContain(key.secret);

    const viaAuthorization = await partner<{ viewer: { id: string } }>({ authorization: `ApiKey ${key.secret}` }, '{ viewer { id } }');
    expect(dataOf(viaAuthorization).viewer.id).toBe(ada.id);
    const viaHeader = await partner<{ viewer: { id: string } }>({ 'x-api-key': key.secret }, '{ viewer { id } }');
    expect(dataOf(viaHeader).viewer.id).toBe(ada.id);
    const used = dataOf(await ada.request<{ viewer: { apiKeys: { edges: { node: { lastUsedAt: string | null } }[] } } }>('{ viewer { apiKeys(first: 1) { edges { node { lastUsedAt } } } } }'));
    expect(used.viewer.apiKeys.edges[0]?.node.lastUsedAt).not.toBeNull();
  });

  it('carries its scopes to the subgraphs: a key without profile:read cannot read the profile, nor manage keys', async () => {
    const ada = await story().candidate('Ada Scoped');
    const key = await newKey(ada, ['jobs:read']);
    const denied = await partner({ 'x-api-key': key.secret }, '{ viewer { id } }');
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const minting = await partner({ 'x-api-key': key.secret }, 'mutation { createApiKey(input: { name: "x", scopes: ["profile:read"] }) { secret errors { code } } }');
    expect(minting.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = dataOf(await ada.request<Created>(create, { input: { name: '', scopes: ['root'], expiresAt: '2001-01-01T00:00:00Z' } }));
    expect(bad.createApiKey.errors.map((e) => e.code)).toEqual(['INVALID_NAME', 'INVALID_SCOPES', 'INVALID_EXPIRY']);
  });

  it('refuses a revoked key within the cache time, an expired one and a made-up one', async () => {
    const ada = await story().candidate('Ada Revokes');
    const bob = await story().candidate('Bob Revoker');
    const key = await newKey(ada, ['profile:read']);
    expect((await partner({ 'x-api-key': key.secret }, '{ viewer { id } }')).status).toBe(200);

    const theirs = dataOf(await bob.request<{ revokeApiKey: { done: boolean; errors: { code: string }[] } }>('mutation ($id: ID!) { revokeApiKey(input: { apiKeyId: $id }) { done errors { code } } }', { id: key.id }));
    expect(theirs.revokeApiKey).toEqual({ done: false, errors: [{ code: 'NOT_FOUND' }] });
    const revoked = dataOf(await ada.request<{ revokeApiKey: { done: boolean } }>('mutation ($id: ID!) { revokeApiKey(input: { apiKeyId: $id }) { done errors { code } } }', { id: key.id }));
    expect(revoked.revokeApiKey.done).toBe(true);
    await eventually(async () => (await partner({ 'x-api-key': key.secret }, '{ viewer { id } }')).status === 401, 5_000);
    const refused = await partner({ 'x-api-key': key.secret }, '{ viewer { id } }');
    expect(refused.errors?.[0]?.extensions?.reason).toBe('API_KEY_INVALID');

    const expiring = await newKey(ada, ['profile:read']);
    const db = createKysely<unknown>({ url: story().database.adminUrl, maxConnections: 1 });
    try {
      await sql`update identity.api_keys set expires_at = now() - interval '1 second' where id = ${expiring.id}::uuid`.execute(db);
    } finally {
      await db.destroy();
    }
    expect((await partner({ authorization: `ApiKey ${expiring.secret}` }, '{ viewer { id } }')).status).toBe(401);
    expect((await partner({ 'x-api-key': `${key.prefix}_madeup0000000000000000000000000000000000000` }, '{ viewer { id } }')).status).toBe(401);
  });

  it('answers the internal resolve route only to the gateway', async () => {
    const url = new URL('/internal/api-keys/resolve', story().stack.subgraphs.identity.url);
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: 'jg_anything' }) });
    expect(response.status).toBe(401);
  });
});
