import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { startSubgraphHarness, userPrincipal, type SubgraphHarness } from '@jobgraph/kit/testing';
import { identity } from '../src/index.ts';

const signUp = /* GraphQL */ `
  mutation ($input: SignUpInput!) {
    signUp(input: $input) { user { id email roles displayName } tokens { accessToken refreshToken tokenType } errors { field code message } }
  }
`;
const signIn = /* GraphQL */ `
  mutation ($input: SignInInput!) {
    signIn(input: $input) { user { id } tokens { accessToken refreshToken } errors { field code message } }
  }
`;
const refresh = /* GraphQL */ `
  mutation ($token: String!) {
    refreshSession(input: { refreshToken: $token }) { tokens { accessToken refreshToken } errors { field code message } }
  }
`;

interface AuthData {
  user: { id: string; email: string | null; roles: string[]; displayName: string } | null;
  tokens: { accessToken: string; refreshToken: string; tokenType: string } | null;
  errors: { field: string[]; code: string; message: string }[];
}

let database: TestDatabase;
let harness: SubgraphHarness;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startSubgraphHarness(identity, database);
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const password = 'correct horse battery staple';

async function registered(email: string, role = 'CANDIDATE'): Promise<AuthData> {
  const result = await harness.request<{ signUp: AuthData }>(signUp, { input: { email, password, displayName: 'Ada Lovelace', role } });
  const payload = result.data?.signUp;
  if (!payload?.user) throw new Error(`sign-up failed: ${JSON.stringify(result)}`);
  return payload;
}

describe('signing up', () => {
  it('creates the account and returns tokens', async () => {
    const payload = await registered('ada@example.com', 'EMPLOYER');
    expect(payload.errors).toEqual([]);
    expect(payload.user).toMatchObject({ email: 'ada@example.com', roles: ['EMPLOYER'], displayName: 'Ada Lovelace' });
    expect(payload.tokens?.tokenType).toBe('Bearer');
    expect(payload.tokens?.accessToken.split('.')).toHaveLength(3);
  });

  it('refuses an email that has an account already, whatever its case', async () => {
    await registered('grace@example.com');
    const result = await harness.request<{ signUp: AuthData }>(signUp, { input: { email: 'Grace@Example.com', password, displayName: 'Grace' } });
    expect(result.data?.signUp).toMatchObject({ user: null, tokens: null, errors: [{ code: 'EMAIL_TAKEN', field: ['input', 'email'] }] });
  });

  it('refuses a weak password as a user error on the password field', async () => {
    const result = await harness.request<{ signUp: AuthData }>(signUp, { input: { email: 'weak@example.com', password: 'password123', displayName: 'W' } });
    expect(result.data?.signUp.errors).toEqual([expect.objectContaining({ code: 'WEAK_PASSWORD', field: ['input', 'password'] })]);
    const again = await harness.request<{ signIn: AuthData }>(signIn, { input: { email: 'weak@example.com', password: 'password123' } });
    expect(again.data?.signIn.errors[0]?.code).toBe('INVALID_CREDENTIALS');
  });

  it('rejects a malformed email before any resolver runs', async () => {
    harness.resetQueries();
    const result = await harness.request(signUp, { input: { email: 'not-an-email', password, displayName: 'X' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.data ?? null).toBeNull();
    expect(harness.queries).toHaveLength(0);
  });

  it('does not let anyone choose the admin role', async () => {
    const result = await harness.request(signUp, { input: { email: 'eve@example.com', password, displayName: 'Eve', role: 'ADMIN' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('signing in', () => {
  it('answers a wrong password and an unknown email the same way', async () => {
    await registered('alan@example.com');
    const wrong = await harness.request<{ signIn: AuthData }>(signIn, { input: { email: 'alan@example.com', password: 'not the password at all' } });
    const unknown = await harness.request<{ signIn: AuthData }>(signIn, { input: { email: 'nobody@example.com', password } });
    expect(wrong.data?.signIn).toEqual(unknown.data?.signIn);
    expect(wrong.data?.signIn).toMatchObject({ user: null, tokens: null, errors: [{ code: 'INVALID_CREDENTIALS', field: [] }] });
  });

  it('signs in with the right password', async () => {
    const { user } = await registered('barbara@example.com');
    const result = await harness.request<{ signIn: AuthData }>(signIn, { input: { email: 'BARBARA@example.com', password } });
    expect(result.data?.signIn.user?.id).toBe(user?.id);
    expect(result.data?.signIn.tokens?.refreshToken).toBeTruthy();
  });
});

describe('refreshing a session', () => {
  it('rotates the refresh token on every use', async () => {
    const { tokens } = await registered('linus@example.com');
    const first = await harness.request<{ refreshSession: AuthData }>(refresh, { token: tokens?.refreshToken });
    const rotated = first.data?.refreshSession.tokens?.refreshToken;
    expect(first.data?.refreshSession.errors).toEqual([]);
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(tokens?.refreshToken);
    const second = await harness.request<{ refreshSession: AuthData }>(refresh, { token: rotated });
    expect(second.data?.refreshSession.errors).toEqual([]);
  });

  it('revokes the whole session when a rotated token is presented again', async () => {
    const { tokens } = await registered('margaret@example.com');
    const first = await harness.request<{ refreshSession: AuthData }>(refresh, { token: tokens?.refreshToken });
    const current = first.data?.refreshSession.tokens?.refreshToken;
    const replay = await harness.request<{ refreshSession: AuthData }>(refresh, { token: tokens?.refreshToken });
    expect(replay.data?.refreshSession.errors[0]?.code).toBe('REFRESH_TOKEN_REUSED');
    const afterTheft = await harness.request<{ refreshSession: AuthData }>(refresh, { token: current });
    expect(afterTheft.data?.refreshSession).toMatchObject({ tokens: null, errors: [{ code: 'INVALID_REFRESH_TOKEN' }] });
  });

  it('refuses a token it never issued', async () => {
    const result = await harness.request<{ refreshSession: AuthData }>(refresh, { token: 'made-up' });
    expect(result.data?.refreshSession.errors[0]?.code).toBe('INVALID_REFRESH_TOKEN');
  });
});

describe('the viewer', () => {
  it('is UNAUTHENTICATED without a signed-in user', async () => {
    const result = await harness.request('{ viewer { id } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('hides another user’s email when resolved as an entity', async () => {
    const { user } = await registered('hedy@example.com');
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id email displayName } } }';
    const asStranger = await harness.request<{ _entities: { email: string | null }[] }>(query, { r: [{ __typename: 'User', id: user?.id }] }, userPrincipal(crypto.randomUUID()));
    expect(asStranger.data?._entities[0]).toMatchObject({ id: user?.id, email: null, displayName: 'Ada Lovelace' });
    const asSelf = await harness.request<{ _entities: { email: string | null }[] }>(query, { r: [{ __typename: 'User', id: user?.id }] }, userPrincipal(user?.id ?? ''));
    expect(asSelf.data?._entities[0]?.email).toBe('hedy@example.com');
  });

  it('resolves many users in one SQL statement', async () => {
    const ids = [];
    for (const name of ['u1', 'u2', 'u3']) ids.push((await registered(`${name}@example.com`)).user?.id);
    harness.resetQueries();
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id displayName } } }';
    const result = await harness.request<{ _entities: { id: string }[] }>(query, { r: [...ids, 'not-a-uuid'].map((id) => ({ __typename: 'User', id })) });
    expect(result.data?._entities.map((u) => u?.id ?? null)).toEqual([...ids, null]);
    expect(harness.queries.filter((q) => q.query.sql.includes('"users"'))).toHaveLength(1);
  });
});
