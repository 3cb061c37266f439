import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { startSubgraphHarness, userPrincipal, type SubgraphHarness } from '@jobgraph/kit/testing';
import type { Database, NewSubscription } from '../src/db/types.ts';
import { freeSubscriptionId } from '../src/domain/free-subscription.ts';
import { planIds } from '../src/domain/plan-catalog.ts';
import { billing } from '../src/index.ts';

const subscriptionFields = 'id status currentPeriodStart currentPeriodEnd cancelAtPeriodEnd plan { code entitlements { feature limit } }';
const subscriptionOf = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id subscription { ${subscriptionFields} } } } }`;
const subscriptionById = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on BillingSubscription { ${subscriptionFields} } } }`;

interface SubscriptionData {
  id: string;
  status: string;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  cancelAtPeriodEnd: boolean;
  plan: { code: string; entitlements: { feature: string; limit: number | null }[] };
}

let database: TestDatabase;
let harness: SubgraphHarness;
let db: Kysely<Database>;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startSubgraphHarness(billing, database);
  db = createKysely<Database>({ url: database.urlFor('billing'), maxConnections: 1 });
});
afterAll(async () => {
  await db?.destroy();
  await harness?.stop();
  await database?.drop();
});

/** A user who bought a plan: their subscription as the payment provider would store it. */
async function subscribed(userId: string, plan: keyof typeof planIds, changes: Partial<NewSubscription> = {}) {
  return db
    .insertInto('subscriptions')
    .values({
      user_id: userId,
      plan_id: planIds[plan],
      status: 'active',
      current_period_start: new Date('2030-01-01T00:00:00Z'),
      current_period_end: new Date('2030-02-01T00:00:00Z'),
      provider: 'stripe',
      provider_subscription_id: `sub_${crypto.randomUUID()}`,
      ...changes,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function subscriptionOfUser(userId: string, asUserId = userId) {
  return harness.request<{ _entities: { subscription: SubscriptionData }[] }>(subscriptionOf, { r: [{ __typename: 'User', id: userId }] }, userPrincipal(asUserId));
}

describe('a user’s subscription', () => {
  it('is Free, active, for the current calendar month, when the user has none stored', async () => {
    const userId = crypto.randomUUID();
    const result = await subscriptionOfUser(userId);
    expect(result.errors).toBeUndefined();
    const now = new Date();
    expect(result.data?._entities[0]?.subscription).toEqual({
      id: freeSubscriptionId(userId),
      status: 'ACTIVE',
      currentPeriodStart: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString(),
      currentPeriodEnd: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString(),
      cancelAtPeriodEnd: false,
      plan: {
        code: 'free',
        entitlements: [
          { feature: 'ai_credits_per_month', limit: 20 },
          { feature: 'saved_searches', limit: 3 },
        ],
      },
    });
  });

  it('keeps the same Free subscription id across requests', async () => {
    const userId = crypto.randomUUID();
    const first = await subscriptionOfUser(userId);
    const second = await subscriptionOfUser(userId);
    expect(second.data?._entities[0]?.subscription.id).toBe(first.data?._entities[0]?.subscription.id);
  });

  it('is the stored live subscription when there is one, not an older canceled one', async () => {
    const userId = crypto.randomUUID();
    await subscribed(userId, 'employer', { status: 'canceled' });
    const pro = await subscribed(userId, 'pro', { cancel_at_period_end: true });
    const result = await subscriptionOfUser(userId);
    expect(result.data?._entities[0]?.subscription).toMatchObject({
      id: pro.id,
      status: 'ACTIVE',
      currentPeriodStart: '2030-01-01T00:00:00.000Z',
      currentPeriodEnd: '2030-02-01T00:00:00.000Z',
      cancelAtPeriodEnd: true,
      plan: { code: 'pro' },
    });
  });

  it('falls back to Free when every stored subscription is canceled', async () => {
    const userId = crypto.randomUUID();
    await subscribed(userId, 'pro', { status: 'canceled' });
    const result = await subscriptionOfUser(userId);
    expect(result.data?._entities[0]?.subscription).toMatchObject({ id: freeSubscriptionId(userId), plan: { code: 'free' } });
  });

  it('is FORBIDDEN to another user', async () => {
    const owner = crypto.randomUUID();
    await subscribed(owner, 'pro');
    const result = await subscriptionOfUser(owner, crypto.randomUUID());
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(result.data)).not.toContain('pro');
  });

  it('is UNAUTHENTICATED to a caller who is not signed in', async () => {
    const result = await harness.request(subscriptionOf, { r: [{ __typename: 'User', id: crypto.randomUUID() }] });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('allows one live subscription per user, and any number of canceled ones', async () => {
    const userId = crypto.randomUUID();
    await subscribed(userId, 'pro', { status: 'canceled' });
    await subscribed(userId, 'pro', { status: 'canceled' });
    await subscribed(userId, 'pro', { status: 'trialing' });
    await expect(subscribed(userId, 'employer', { status: 'past_due' })).rejects.toThrow(/subscriptions_user_live_key/);
  });

  it('loads the subscription, its plan and the plan’s entitlements in one statement each', async () => {
    const userId = crypto.randomUUID();
    await subscribed(userId, 'employer');
    harness.resetQueries();
    const result = await subscriptionOfUser(userId);
    expect(result.data?._entities[0]?.subscription.plan.code).toBe('employer');
    expect(harness.queries.filter((q) => q.query.sql.includes('"subscriptions"'))).toHaveLength(1);
    expect(harness.queries.filter((q) => q.query.sql.includes('"plans"'))).toHaveLength(1);
    expect(harness.queries.filter((q) => q.query.sql.includes('"plan_entitlements"'))).toHaveLength(1);
  });
});

describe('subscription references', () => {
  it('resolve the viewer’s own in one statement, and others’ as if they did not exist', async () => {
    const viewer = crypto.randomUUID();
    const stranger = crypto.randomUUID();
    const own = await subscribed(viewer, 'pro');
    const theirs = await subscribed(stranger, 'employer');
    harness.resetQueries();
    const ids = [own.id, theirs.id, crypto.randomUUID(), 'not-a-uuid'];
    const result = await harness.request<{ _entities: (SubscriptionData | null)[] }>(
      subscriptionById,
      { r: ids.map((id) => ({ __typename: 'BillingSubscription', id })) },
      userPrincipal(viewer),
    );
    expect(result.data?._entities.map((s) => s?.id ?? null)).toEqual([own.id, null, null, null]);
    expect(harness.queries.filter((q) => q.query.sql.includes('"subscriptions"'))).toHaveLength(1);
  });

  it('resolve the viewer’s Free subscription id while it is not stored, and only the viewer’s', async () => {
    const viewer = crypto.randomUUID();
    const reference = [{ __typename: 'BillingSubscription', id: freeSubscriptionId(viewer) }];
    const asViewer = await harness.request<{ _entities: (SubscriptionData | null)[] }>(subscriptionById, { r: reference }, userPrincipal(viewer));
    expect(asViewer.data?._entities[0]).toMatchObject({ id: freeSubscriptionId(viewer), status: 'ACTIVE', plan: { code: 'free' } });
    const asStranger = await harness.request<{ _entities: (SubscriptionData | null)[] }>(subscriptionById, { r: reference }, userPrincipal(crypto.randomUUID()));
    expect(asStranger.data?._entities[0]).toBeNull();
  });
});
