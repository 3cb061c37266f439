import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { UserErased, UserRegistered, identityUserTopic, type CloudEvent } from '@jobgraph/kit';
import { createTestEvents, eventually, startSubgraphHarness, userPrincipal, type SubgraphHarness, type TestEvents } from '@jobgraph/kit/testing';
import { identity } from '../src/index.ts';

let database: TestDatabase;
let harness: SubgraphHarness;
let events: TestEvents;
let published: CloudEvent[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  events = await createTestEvents({ observe: [identityUserTopic] });
  published = events.published;
  harness = await startSubgraphHarness(identity, database, { events: events.transport });
});
afterAll(async () => {
  await harness?.stop();
  await events?.close();
  await database?.drop();
});

const password = 'correct horse battery staple';
const signUp = 'mutation ($input: SignUpInput!) { signUp(input: $input) { user { id } errors { code } } }';
const signIn = 'mutation ($input: SignInInput!) { signIn(input: $input) { user { id } errors { code } } }';
const erase = 'mutation ($p: String!) { eraseMyAccount(input: { password: $p }) { erasedAt errors { code field } } }';

async function register(email: string): Promise<string> {
  const result = await harness.request<{ signUp: { user: { id: string } } }>(signUp, { input: { email, password, displayName: 'Ada', role: 'EMPLOYER' } });
  return result.data?.signUp.user.id ?? '';
}

describe('identity events', () => {
  it('announces a sign-up as UserRegistered, with ids and roles but no email', async () => {
    const userId = await register('ada.events@example.com');
    const event = await eventually(async () => published.find((e) => e.type === UserRegistered.type && e.subject === userId));
    expect(event).toMatchObject({ source: '/jobgraph/identity', data: { userId, roles: ['employer'] } });
    expect(JSON.stringify(event)).not.toContain('ada.events@example.com');
  });

  it('erases an account: personal data gone, sign-in refused, UserErased announced', async () => {
    const userId = await register('grace.events@example.com');
    const me = userPrincipal(userId, 'employer');
    const wrong = await harness.request<{ eraseMyAccount: { errors: { code: string }[] } }>(erase, { p: 'not my password at all' }, me);
    expect(wrong.data?.eraseMyAccount.errors[0]?.code).toBe('INVALID_CREDENTIALS');

    const result = await harness.request<{ eraseMyAccount: { erasedAt: string | null } }>(erase, { p: password }, me);
    expect(result.data?.eraseMyAccount.erasedAt).toBeTruthy();
    const event = await eventually(async () => published.find((e) => e.type === UserErased.type && e.subject === userId));
    expect(event.data).toMatchObject({ userId });

    const again = await harness.request<{ signIn: { errors: { code: string }[] } }>(signIn, { input: { email: 'grace.events@example.com', password } });
    expect(again.data?.signIn.errors[0]?.code).toBe('INVALID_CREDENTIALS');
    const viewer = await harness.request('{ viewer { id } }', {}, me);
    expect(viewer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The address is free again for a new account.
    expect(await register('grace.events@example.com')).not.toBe(userId);
  });

  it('needs a signed-in user to erase', async () => {
    const result = await harness.request(erase, { p: password });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
