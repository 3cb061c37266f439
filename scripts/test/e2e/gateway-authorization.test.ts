import { describe, expect, it } from 'vitest';
import { assertNothingLeaks, dataOf, type GraphQLResponse } from './graphql-client.ts';
import { useStory, type Member } from './story.ts';

/**
 * `@authenticated` and `@requiresScopes` in the subgraph SDLs, enforced by the gateway
 * before anything runs, on the first-party graph and the partners' public graph.
 */
const story = useStory();

interface Created { createApiKey: { secret: string | null; errors: { code: string }[] } }

async function newKey(member: Member, scopes: string[]): Promise<string> {
  const { createApiKey } = dataOf(await member.request<Created>('mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret errors { code } } }', { input: { name: `key ${scopes.join(' ')}`, scopes } }));
  if (!createApiKey.secret) throw new Error(JSON.stringify(createApiKey.errors));
  return createApiKey.secret;
}

/** An operation as a partner's server sends it, to /graphql or /public/graphql. */
async function withKey<T = Record<string, unknown>>(secret: string, query: string, path = '/graphql'): Promise<GraphQLResponse<T>> {
  const response = await fetch(new URL(path, story().stack.gatewayUrl), { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': secret }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status' | 'headers'>;
  assertNothingLeaks(body.errors);
  return { status: response.status, headers: response.headers, ...body };
}

describe('@authenticated and @requiresScopes at the edge', () => {
  it('refuses an anonymous caller on an @authenticated field, naming its path, even beside open fields', async () => {
    const result = await story().anonymous('{ plans { code } me: viewer { id } }');
    expect(result.status).toBe(401);
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual([{ message: expect.stringContaining('Query.viewer') as string, path: ['me'], extensions: { code: 'UNAUTHENTICATED' } }]);
    // The job board stays open to visitors: `jobs:read` is held by everyone.
    expect(dataOf(await story().anonymous<{ jobs: { edges: unknown[] } }>('{ jobs(first: 1) { edges { cursor } } }')).jobs.edges).toEqual(expect.any(Array));
  });

  it('refuses a role scope the caller lacks and runs nothing of the operation', async () => {
    const ada = await story().candidate('Ada Unchanged');
    const result = await ada.request('mutation ($me: ID!) { updateMyAccount(input: { displayName: "Changed" }) { errors { code } } grantRole(input: { userId: $me, role: ADMIN }) { errors { code } } }', { me: ada.id });
    expect(result.status).toBe(403);
    expect(result.errors).toEqual([{ message: expect.stringContaining('Mutation.grantRole') as string, path: ['grantRole'], extensions: { code: 'FORBIDDEN', requiredScopes: [['role:admin']] } }]);
    const after = dataOf(await ada.request<{ viewer: { displayName: string; roles: string[] } }>('{ viewer { displayName roles } }'));
    expect(after.viewer).toEqual({ displayName: 'Ada Unchanged', roles: ['CANDIDATE'] });
  });

  it('holds a partner API key to its scopes on /graphql: a wrong scope is FORBIDDEN at the field that needs it', async () => {
    const erin = await story().employer('Erin Keys');
    const profileOnly = await newKey(erin, ['profile:read']);
    const read = await withKey<{ viewer: { id: string } }>(profileOnly, '{ viewer { id } }');
    expect(dataOf(read).viewer.id).toBe(erin.id);
    const applications = await withKey(profileOnly, '{ viewer { id applications(first: 1) { edges { cursor } } } }');
    expect(applications).toMatchObject({ status: 403, errors: [{ path: ['viewer', 'applications'], extensions: { code: 'FORBIDDEN', requiredScopes: [['applications:read']] } }] });
    const jobsReader = await newKey(erin, ['jobs:read']);
    const post = await withKey(jobsReader, 'mutation { closeJobListing(id: "00000000-0000-4000-8000-000000000000") { errors { code } } }');
    expect(post).toMatchObject({ status: 403, errors: [{ path: ['closeJobListing'], extensions: { code: 'FORBIDDEN', requiredScopes: [['jobs:write']] } }] });
    expect((await withKey(jobsReader, '{ viewer { id } }')).errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', requiredScopes: [['profile:read']] });
  });

  it('enforces the same on the public graph: a partner key without jobs:read cannot search jobs, one with it can', async () => {
    const pat = await story().employer('Pat Partner');
    const without = await withKey(await newKey(pat, ['profile:read']), '{ jobs(first: 1) { edges { node { id title } } } plans { code } }', '/public/graphql');
    expect(without).toMatchObject({ status: 403, errors: [{ path: ['jobs'], extensions: { code: 'FORBIDDEN', requiredScopes: [['jobs:read']] } }] });
    expect(without.data).toBeUndefined();
    const allowed = await withKey<{ jobs: { edges: unknown[] } }>(await newKey(pat, ['jobs:read']), '{ jobs(first: 1) { edges { node { id title } } } }', '/public/graphql');
    expect(dataOf(allowed).jobs.edges).toEqual(expect.any(Array));
  });
});
