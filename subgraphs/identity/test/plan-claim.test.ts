import { decodeJwt } from 'jose';
import { sql } from 'kysely';
import { createKysely } from '@jobgraph/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { EntitlementsChanged, billingEntitlementsTopic, createCloudEvent, identityUserTopic } from '@jobgraph/kit';
import { createTestEvents, eventually, startSubgraphHarness, userPrincipal, type SubgraphHarness, type TestEvents } from '@jobgraph/kit/testing';
import { identity } from '../src/index.ts';

let database: TestDatabase;
let harness: SubgraphHarness;
let events: TestEvents;

beforeAll(async () => {
  database = await createTestDatabase();
  events = await createTestEvents({ observe: [identityUserTopic], deliverTo: [billingEntitlementsTopic] });
  harness = await startSubgraphHarness(identity, database, { events: events.transport });
});
afterAll(async () => {
  await harness?.stop();
  await events?.close();
  await database?.drop();
});

const password = 'correct horse battery staple';
const limits = { aiCreditsPerPeriod: 100, activeListings: null, seats: null, savedSearches: 10, featuredListings: null };
const entitlements = (accountId: string, kind: 'user' | 'company', planCode: string, version: number, status: 'active' | 'canceled' = 'active') =>
  createCloudEvent(EntitlementsChanged, accountId, { account: { kind, id: accountId }, subscriptionId: crypto.randomUUID(), planCode, status, limits, version, effectiveAt: new Date().toISOString() });

async function planClaim(email: string): Promise<unknown> {
  const result = await harness.request<{ signIn: { tokens: { accessToken: string } } }>('mutation ($input: SignInInput!) { signIn(input: $input) { tokens { accessToken } } }', { input: { email, password } });
  return decodeJwt(result.data?.signIn.tokens.accessToken ?? '').plan;
}

describe('the plan claim (ID-21)', () => {
  it('puts the user plan billing announced in access tokens, keeping the newest version', async () => {
    const email = 'plan.holder@example.com';
    const signUp = await harness.request<{ signUp: { user: { id: string }; tokens: { accessToken: string } } }>('mutation ($input: SignUpInput!) { signUp(input: $input) { user { id } tokens { accessToken } } }', { input: { email, password, displayName: 'Pat Plan' } });
    const userId = signUp.data?.signUp.user.id ?? '';
    expect(decodeJwt(signUp.data?.signUp.tokens.accessToken ?? '').plan).toBeNull();

    await events.deliver(billingEntitlementsTopic, entitlements(userId, 'user', 'pro', 2));
    await eventually(async () => (await planClaim(email)) === 'pro');
    // An older version arriving late, and a company's plan under the same id, change nothing.
    const stale = [entitlements(userId, 'user', 'free', 1), entitlements(userId, 'company', 'team', 9)];
    await events.deliver(billingEntitlementsTopic, ...stale);
    const db = createKysely<unknown>({ url: database.urlFor('identity'), maxConnections: 1 });
    try {
      await eventually(async () => (await sql<{ n: number }>`select count(*)::int as n from inbox where event_id in (${sql.join(stale.map((e) => e.id))})`.execute(db)).rows[0]?.n === 2);
    } finally {
      await db.destroy();
    }
    expect(await planClaim(email)).toBe('pro');
    await events.deliver(billingEntitlementsTopic, entitlements(userId, 'user', 'pro-yearly', 3));
    await eventually(async () => (await planClaim(email)) === 'pro-yearly');

    await events.deliver(billingEntitlementsTopic, entitlements(userId, 'user', 'pro-yearly', 4, 'canceled'));
    await eventually(async () => (await planClaim(email)) === null);
  });

  it('writes nothing back for a user erased before billing\'s event arrives', async () => {
    const email = 'plan.eraser@example.com';
    const signUp = await harness.request<{ signUp: { user: { id: string }; tokens: { accessToken: string } } }>('mutation ($input: SignUpInput!) { signUp(input: $input) { user { id } tokens { accessToken } } }', { input: { email, password, displayName: 'Erin Erased' } });
    const userId = signUp.data?.signUp.user.id ?? '';
    const erased = await harness.request<{ eraseMyAccount: { errors: unknown[] } }>('mutation ($input: EraseMyAccountInput!) { eraseMyAccount(input: $input) { errors { code } } }', { input: { password } }, userPrincipal(userId));
    expect(erased.data?.eraseMyAccount.errors).toEqual([]);

    const late = entitlements(userId, 'user', 'pro', 7);
    await events.deliver(billingEntitlementsTopic, late);
    const db = createKysely<unknown>({ url: database.urlFor('identity'), maxConnections: 1 });
    try {
      await eventually(async () => (await sql<{ n: number }>`select count(*)::int as n from inbox where event_id = ${late.id}`.execute(db)).rows[0]?.n === 1);
      const plans = await sql<{ n: number }>`select count(*)::int as n from user_plans where user_id = ${userId}`.execute(db);
      expect(plans.rows[0]?.n).toBe(0);
    } finally {
      await db.destroy();
    }
  });
});
