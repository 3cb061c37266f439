import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CandidateHomeQuery, createJobgraphClient } from '@jobgraph/client';
import { readTrustedDocuments, type RunningGateway } from '@jobgraph/gateway';
import { assertNothingLeaks, dataOf, type GraphQLResponse } from './graphql-client.ts';
import { useStory } from './story.ts';

const story = useStory();
const manifestPath = fileURLToPath(new URL('../../../schema/client/persisted-operations.json', import.meta.url));
const manifest = (await import(manifestPath, { with: { type: 'json' } })).default as { operations: { id: string; name: string; body: string }[] };
const partnerJobs = manifest.operations.find((operation) => operation.name === 'PartnerJobs') as { id: string; body: string };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const apq = (text: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(text) } });

/** A raw POST, as a client may send it. */
async function post<T = Record<string, unknown>>(url: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const parsed = (await response.json()) as Omit<GraphQLResponse<T>, 'status' | 'headers'>;
  assertNothingLeaks(parsed.errors);
  return { status: response.status, headers: response.headers, ...parsed };
}

describe('automatic persisted queries on the first-party graph', () => {
  it('lets Apollo Client’s persisted query link register a query once and then send its hash alone', async () => {
    const ada = await story().candidate('Ada Hashes');
    const sent: Array<{ query: boolean; hash: string | undefined }> = [];
    const recording: typeof fetch = async (input, init) => {
      const body = JSON.parse(String(init?.body)) as { query?: string; extensions?: { persistedQuery?: { sha256Hash: string } } };
      sent.push({ query: typeof body.query === 'string', hash: body.extensions?.persistedQuery?.sha256Hash });
      return fetch(input, init);
    };
    const first = createJobgraphClient(story().stack.gatewayUrl, () => ada.accessToken, { persistedQueries: true, fetch: recording });
    const home = await first.query({ query: CandidateHomeQuery });
    expect(home.data?.viewer?.id).toBe(ada.id);
    expect(sent.map((request) => request.query)).toEqual([false, true]); // hash alone → PersistedQueryNotFound → hash with the query
    const second = createJobgraphClient(story().stack.gatewayUrl, () => ada.accessToken, { persistedQueries: true, fetch: recording });
    expect((await second.query({ query: CandidateHomeQuery })).data?.viewer?.displayName).toBe('Ada Hashes');
    expect(sent.slice(2)).toEqual([{ query: false, hash: sent[0]?.hash }]);
  });

  it('runs every control on a query sent by hash: a registered viewer query by hash alone is still UNAUTHENTICATED for an anonymous caller', async () => {
    const ada = await story().candidate('Ada Registers');
    const query = 'query Mine { viewer { id } }';
    const unknown = await post(story().stack.gatewayUrl, { extensions: apq(query) });
    expect(unknown).toMatchObject({ status: 200, errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
    expect(dataOf(await post<{ viewer: { id: string } }>(story().stack.gatewayUrl, { query, extensions: apq(query) }, { authorization: `Bearer ${ada.accessToken}` })).viewer.id).toBe(ada.id);
    const anonymousByHash = await post(story().stack.gatewayUrl, { extensions: apq(query) });
    expect(anonymousByHash).toMatchObject({ status: 401, errors: [{ path: ['viewer'], extensions: { code: 'UNAUTHENTICATED' } }] });
    // GET works too (cacheable), the hash in the query string.
    const url = new URL(story().stack.gatewayUrl);
    url.searchParams.set('extensions', JSON.stringify(apq(query)));
    const viaGet = await fetch(url, { headers: { authorization: `Bearer ${ada.accessToken}`, 'apollo-require-preflight': 'true' } });
    expect(await viaGet.json()).toMatchObject({ data: { viewer: { id: ada.id } } });
  });

  it('refuses a hash that does not match the query sent with it, so nothing is registered under a false name', async () => {
    const result = await post(story().stack.gatewayUrl, { query: '{ plans { code } }', extensions: apq('{ plans { name } }') });
    expect(result).toMatchObject({ status: 400, errors: [{ extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' } }] });
    expect((await post(story().stack.gatewayUrl, { extensions: apq('{ plans { name } }') })).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('trusted documents on the public graph', () => {
  let strict: RunningGateway;
  let publicUrl: string;
  let key: string;
  beforeAll(async () => {
    strict = await story().stack.startGateway({ persistedOperations: { trusted: readTrustedDocuments(manifestPath), trustedOnly: ['public'] } });
    publicUrl = `${new URL(strict.url).origin}/public/graphql`;
    const pat = await story().employer('Pat Trusted');
    const created = dataOf(await pat.request<{ createApiKey: { secret: string } }>('mutation { createApiKey(input: { name: "sync", scopes: ["jobs:read"] }) { secret errors { code } } }'));
    key = created.createApiKey.secret;
  });

  it('runs a manifest operation by its id (or its exact text) for a partner', async () => {
    const byId = await post<{ jobs: { edges: unknown[]; pageInfo: { hasNextPage: boolean } } }>(publicUrl, { operationName: 'PartnerJobs', variables: { first: 2 }, extensions: { persistedQuery: { version: 1, sha256Hash: partnerJobs.id } } }, { 'x-api-key': key });
    expect(dataOf(byId).jobs.pageInfo.hasNextPage).toEqual(expect.any(Boolean));
    expect(dataOf(await post(publicUrl, { query: partnerJobs.body, variables: { first: 1 } }, { 'x-api-key': key }))).toHaveProperty('jobs');
  });

  it('refuses an unknown persisted id and any operation outside the manifest, each with its code', async () => {
    const unknownId = await post(publicUrl, { extensions: apq('{ jobs(first: 1) { edges { cursor } } }') }, { 'x-api-key': key });
    expect(unknownId).toMatchObject({ status: 400, errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' } }] });
    const freeText = await post(publicUrl, { query: '{ jobs(first: 100) { edges { node { id description } } } }' }, { 'x-api-key': key });
    expect(freeText).toMatchObject({ status: 400, errors: [{ extensions: { code: 'QUERY_NOT_IN_SAFELIST' } }] });
    expect(freeText.data).toBeUndefined();
    // The first-party graph of the same gateway still takes any operation.
    expect(dataOf(await post<{ plans: unknown[] }>(strict.url, { query: '{ plans { code } }' })).plans).toEqual(expect.any(Array));
  });
});
