import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityApiKeyResolver, type RunningGateway } from '@jobgraph/gateway';
import { useStory } from './story.ts';

const story = useStory();

/**
 * A real HTTP server speaking identity's API-key contract exactly:
 * POST /internal/api-keys/resolve {"key"} with the gateway's internal token → 200 {principal} or 404.
 * (Identity builds the real route; this stands in until it is merged.)
 */
const keys: Record<string, { userId: string; roles: string[]; scopes: string[]; apiKeyId: string }> = {
  'partner-a-secret': { userId: crypto.randomUUID(), roles: ['employer'], scopes: ['jobs:read'], apiKeyId: 'key-a' },
  'partner-b-secret': { userId: crypto.randomUUID(), roles: ['employer'], scopes: ['jobs:read'], apiKeyId: 'key-b' },
};
let identityCalls = 0;
let identity: Server;
let gateway: RunningGateway;
let publicUrl: string;

beforeAll(async () => {
  identity = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      identityCalls += 1;
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      const internal = token ? decodeProtectedHeader(token).typ === 'jobgraph-internal+jwt' : false;
      if (request.method !== 'POST' || request.url !== '/internal/api-keys/resolve' || !internal) return void response.writeHead(401).end();
      const { key } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { key: string };
      const principal = keys[key];
      if (!principal) return void response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ principal }));
    });
  });
  await new Promise<void>((resolve) => identity.listen(0, '127.0.0.1', resolve));
  const identityUrl = `http://127.0.0.1:${(identity.address() as AddressInfo).port}/graphql`;
  gateway = await story().stack.startGateway({
    apiKeys: identityApiKeyResolver({ identityUrl, internalTokens: story().stack.internalTokens }),
    rateLimits: { perPrincipal: { requests: 8, perSeconds: 60 } },
  });
  publicUrl = `${new URL(gateway.url).origin}/public/graphql`;
});
afterAll(() => new Promise((resolve) => identity.close(resolve)));

async function partner(query: string, key: string | null, headers: Record<string, string> = {}) {
  const response = await fetch(publicUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `ApiKey ${key}` } : {}), ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, ...((await response.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) };
}

describe('the public partner graph', () => {
  it('serves jobs search, a company and plans to a partner API key (header or x-api-key)', async () => {
    const result = await partner('{ jobs(first: 5) { edges { node { id title company { name } } } pageInfo { hasNextPage } } plans { code name price { amountCents currency } } }', 'partner-a-secret');
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ jobs: { edges: expect.any(Array) as unknown[], pageInfo: { hasNextPage: expect.any(Boolean) as boolean } } });
    const viaHeader = await partner('{ company(slug: "nobody") { id } }', null, { 'x-api-key': 'partner-a-secret' });
    expect(viaHeader).toMatchObject({ status: 200, data: { company: null } });
  });

  it('introspection shows the contract alone', async () => {
    const result = await partner('{ __schema { queryType { fields { name } } mutationType { name } types { name } } }', 'partner-a-secret');
    const schema = result.data?.__schema as { queryType: { fields: Array<{ name: string }> }; mutationType: null; types: Array<{ name: string }> };
    expect(schema.queryType.fields.map((f) => f.name).sort()).toEqual(['company', 'job', 'jobs', 'plan', 'plans']);
    expect(schema.mutationType).toBeNull();
    const types = schema.types.map((t) => t.name);
    expect(types).toContain('JobListing');
    for (const hidden of ['User', 'Application', 'CompanyMembership', 'BillingSubscription', 'AuthPayload']) expect(types).not.toContain(hidden);
  });

  it('answers any field outside the contract as a validation error', async () => {
    for (const query of ['{ viewer { id } }', '{ jobs(first: 1) { edges { node { createdAt } } } }', 'mutation { signOut { errors { code } } }']) {
      const result = await partner(query, 'partner-a-secret');
      expect(result.status, query).toBe(400);
      expect(result.errors?.[0]?.extensions?.code, query).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('refuses callers without a valid API key, and access tokens', async () => {
    expect(await partner('{ plans { code } }', null)).toMatchObject({ status: 401, errors: [{ extensions: { code: 'UNAUTHENTICATED', reason: 'API_KEY_REQUIRED' } }] });
    expect(await partner('{ plans { code } }', 'made-up-secret')).toMatchObject({ status: 401, errors: [{ extensions: { code: 'UNAUTHENTICATED', reason: 'API_KEY_INVALID' } }] });
    const ada = await story().candidate('Token On Public');
    const withToken = await partner('{ plans { code } }', null, { authorization: `Bearer ${ada.accessToken}` });
    expect(withToken.status).toBe(401);
  });

  it('asks identity once per key within the cache window', async () => {
    const before = identityCalls;
    await partner('{ plans { code } }', 'partner-b-secret');
    await partner('{ plans { code } }', 'partner-b-secret');
    expect(identityCalls - before).toBe(1);
  });

  it('a flood from one key is refused while another key’s requests still pass', async () => {
    const flood = await Promise.all(Array.from({ length: 12 }, () => partner('{ plans { code } }', 'partner-a-secret')));
    expect(flood.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(flood.find((r) => r.status === 429)?.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const other = await partner('{ plans { code } }', 'partner-b-secret');
    expect(other.status).toBe(200);
    expect(other.errors).toBeUndefined();
  });
});
