import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import {
  CreditsGranted,
  EntitlementsChanged,
  billingEntitlementsTopic,
  SubscriptionCanceled,
  SubscriptionOpened,
  UserErased,
  UserRegistered,
  billingCreditsTopic,
  billingSubscriptionTopic,
  createCloudEvent,
  identityUserTopic,
  type CloudEvent,
  type EventTransport,
} from '@jobgraph/kit';
import { eventually, startSubgraphHarness, userPrincipal, type SubgraphHarness } from '@jobgraph/kit/testing';
import type { Database } from '../src/db/types.ts';
import { calendarMonthOf, freeSubscriptionId } from '../src/domain/free-subscription.ts';
import { planIds } from '../src/domain/plan-catalog.ts';
import { billing } from '../src/index.ts';
import { createTestEvents, emailPattern, eventContracts, type TestEvents } from '@jobgraph/kit/testing';

let database: TestDatabase;
let harness: SubgraphHarness;
let transport: EventTransport;
let db: Kysely<Database>;
let admin: Kysely<unknown>;
let events: TestEvents;
let published: CloudEvent[] = [];
const violations = eventContracts();

beforeAll(async () => {
  database = await createTestDatabase();
  events = await createTestEvents({ observe: [billingSubscriptionTopic, billingCreditsTopic, billingEntitlementsTopic], deliverTo: [identityUserTopic] });
  transport = events.transport;
  published = events.published;
  harness = await startSubgraphHarness(billing, database, { events: transport });
  db = createKysely<Database>({ url: database.urlFor('billing'), maxConnections: 2 });
  admin = createKysely<unknown>({ url: database.adminUrl, maxConnections: 1 });
});
afterAll(async () => {
  await harness?.stop();
  await transport?.close();
  await db?.destroy();
  await admin?.destroy();
  await database?.drop();
});

/** What identity would put on its topic. */
async function deliver(...envelopes: CloudEvent[]): Promise<void> {
  await events.deliver(identityUserTopic, ...envelopes);
}

/** Resolves once billing's consumer has committed the event (its id is in the inbox). */
async function handled(event: CloudEvent): Promise<void> {
  await eventually(async () => (await db.selectFrom('inbox').select('event_id').where('event_id', '=', event.id).executeTakeFirst()) !== undefined);
}

function registered(userId: string): CloudEvent {
  return createCloudEvent(UserRegistered, userId, { userId, roles: ['candidate'], registeredAt: new Date().toISOString() });
}

async function register(userId: string): Promise<void> {
  const event = registered(userId);
  await deliver(event);
  await handled(event);
}

const freeCredits = async () =>
  (await db.selectFrom('plan_entitlements').select('limit_value').where('plan_id', '=', planIds.free).where('feature', '=', 'ai_credits_per_month').executeTakeFirstOrThrow()).limit_value;

const publishedFor = (userId: string) => published.filter((event) => (event.data as { userId?: string }).userId === userId);

const viewerBilling = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User {
  subscription { id status currentPeriodStart currentPeriodEnd plan { code } }
  credits { balance ledger { edges { node { amount reason balanceAfter } } } }
} } }`;

interface ViewerBilling {
  subscription: { id: string; status: string; currentPeriodStart: string; currentPeriodEnd: string; plan: { code: string } };
  credits: { balance: number; ledger: { edges: { node: { amount: number; reason: string; balanceAfter: number } }[] } };
}

async function billingOf(userId: string): Promise<ViewerBilling> {
  const result = await harness.request<{ _entities: ViewerBilling[] }>(viewerBilling, { r: [{ __typename: 'User', id: userId }] }, userPrincipal(userId));
  const user = result.data?._entities[0];
  if (!user) throw new Error(`billing of ${userId} failed: ${JSON.stringify(result.errors)}`);
  return user;
}

describe('when a user registers', () => {
  it('opens their Free subscription for real, under the id the virtual one had, and grants the Free plan’s credits', async () => {
    const userId = crypto.randomUUID();
    const credits = await freeCredits();
    expect(credits).toBeGreaterThan(0);
    await register(userId);

    const period = calendarMonthOf(new Date());
    const stored = await db.selectFrom('subscriptions').selectAll().where('user_id', '=', userId).execute();
    expect(stored).toEqual([
      expect.objectContaining({ id: freeSubscriptionId(userId), plan_id: planIds.free, status: 'active', current_period_start: period.start, current_period_end: period.end, provider: null }),
    ]);
    const ledger = await db.selectFrom('credit_ledger').selectAll().where('user_id', '=', userId).execute();
    expect(ledger).toEqual([expect.objectContaining({ amount: credits, reason: 'plan_grant', balance_after: credits })]);

    expect(await billingOf(userId)).toEqual({
      subscription: { id: freeSubscriptionId(userId), status: 'ACTIVE', currentPeriodStart: period.start.toISOString(), currentPeriodEnd: period.end.toISOString(), plan: { code: 'free' } },
      credits: { balance: credits, ledger: { edges: [{ node: { amount: credits, reason: 'PLAN_GRANT', balanceAfter: credits } }] } },
    });

    const opened = await eventually(async () => published.find((event) => event.type === SubscriptionOpened.type && event.subject === freeSubscriptionId(userId)));
    expect(opened).toMatchObject({
      source: '/jobgraph/billing',
      data: { subscriptionId: freeSubscriptionId(userId), userId, planCode: 'free', status: 'active', currentPeriodStart: period.start.toISOString(), currentPeriodEnd: period.end.toISOString() },
    });
    const granted = await eventually(async () => published.find((event) => event.type === CreditsGranted.type && event.subject === userId));
    expect(granted.data).toEqual({ entryId: ledger[0]?.id, userId, amount: credits, reason: 'plan_grant', balance: credits });
  });

  it('takes the amount from the Free plan’s entitlement, not from the code', async () => {
    const before = await freeCredits();
    const setFreeCredits = (value: number | null) =>
      db.updateTable('plan_entitlements').set({ limit_value: value }).where('plan_id', '=', planIds.free).where('feature', '=', 'ai_credits_per_month').execute();
    await setFreeCredits(37);
    try {
      const userId = crypto.randomUUID();
      await register(userId);
      expect((await billingOf(userId)).credits.balance).toBe(37);
    } finally {
      await setFreeCredits(before);
    }
  });

  it('opens and grants once, however often the registration arrives', async () => {
    const userId = crypto.randomUUID();
    const event = registered(userId);
    // The same envelope twice (a redelivery), then the same registration under a new event id (a replay from another source).
    const again = registered(userId);
    await deliver(event, event, again);
    await handled(again);
    expect(await db.selectFrom('subscriptions').select('id').where('user_id', '=', userId).execute()).toHaveLength(1);
    expect(await db.selectFrom('credit_ledger').select('id').where('user_id', '=', userId).execute()).toHaveLength(1);
    expect((await billingOf(userId)).credits.balance).toBe(await freeCredits());
    await eventually(async () => publishedFor(userId).length >= 2);
    expect(publishedFor(userId).map((e) => e.type).sort()).toEqual([CreditsGranted.type, SubscriptionOpened.type].sort());
  });

  it('leaves a user who already has a live subscription on it', async () => {
    const userId = crypto.randomUUID();
    const pro = await db
      .insertInto('subscriptions')
      .values({ user_id: userId, plan_id: planIds.pro, status: 'active', current_period_start: new Date('2030-01-01Z'), current_period_end: new Date('2030-02-01Z'), provider: 'stripe', provider_subscription_id: `sub_${userId}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await register(userId);
    expect(await db.selectFrom('subscriptions').select('id').where('user_id', '=', userId).execute()).toEqual([pro]);
    expect(await db.selectFrom('credit_ledger').select('id').where('user_id', '=', userId).execute()).toEqual([]);
  });
});

describe('when a user is erased', () => {
  /** Every row of every billing table whose text mentions the id; the outbox is the transport, not state (see forget-user.ts). */
  async function rowsMentioning(userId: string): Promise<Record<string, number>> {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'billing' and table_type = 'BASE TABLE' and table_name <> 'outbox'`.execute(admin);
    expect(tables.rows.map((t) => t.table_name)).toEqual(expect.arrayContaining(['subscriptions', 'credit_ledger', 'plans', 'plan_entitlements', 'inbox']));
    const counts: Record<string, number> = {};
    for (const { table_name: table } of tables.rows) {
      const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(`billing.${table}`)} as t where t::text ilike ${`%${userId}%`}`.execute(admin);
      const n = result.rows[0]?.n ?? 0;
      if (n > 0) counts[table] = n;
    }
    return counts;
  }

  it('cancels their live subscription, announces it, and leaves no row with their id in any billing table', async () => {
    const userId = crypto.randomUUID();
    await register(userId);
    // History from an earlier paid plan, and a spend: all of it goes.
    await db
      .insertInto('subscriptions')
      .values({ user_id: userId, plan_id: planIds.pro, status: 'canceled', current_period_start: new Date('2020-01-01Z'), current_period_end: new Date('2020-02-01Z'), provider: 'stripe', provider_subscription_id: `sub_${userId}` })
      .execute();
    await db.insertInto('credit_ledger').values({ user_id: userId, amount: -1, reason: 'ai_generation', reference: `run:${crypto.randomUUID()}`, balance_after: (await freeCredits())! - 1 }).execute();
    expect(Object.keys(await rowsMentioning(userId)).sort()).toEqual(['credit_balances', 'credit_ledger', 'entitlement_versions', 'subscriptions']);

    const erased = createCloudEvent(UserErased, userId, { userId, erasedAt: new Date().toISOString() });
    await deliver(erased);
    await handled(erased);

    expect(await rowsMentioning(userId)).toEqual({});
    const canceled = await eventually(async () => published.find((event) => event.type === SubscriptionCanceled.type && event.subject === freeSubscriptionId(userId)));
    expect(canceled.data).toMatchObject({ subscriptionId: freeSubscriptionId(userId), userId, planCode: 'free', status: 'canceled' });
    // The already-canceled Pro subscription is not canceled a second time.
    expect(published.filter((event) => event.type === SubscriptionCanceled.type && (event.data as { userId: string }).userId === userId)).toHaveLength(1);
    // What a stale session would see: nothing left to spend.
    expect((await billingOf(userId)).credits).toEqual({ balance: 0, ledger: { edges: [] } });
  });

  it('is harmless for a user billing never heard of', async () => {
    const userId = crypto.randomUUID();
    const erased = createCloudEvent(UserErased, userId, { userId, erasedAt: new Date().toISOString() });
    await deliver(erased);
    await handled(erased);
    expect(await rowsMentioning(userId)).toEqual({});
  });
});

describe('what billing publishes', () => {
  it('matches the JSON Schemas in schema/events and carries no email address', async () => {
    // Everything committed to the outbox, as the observer received it.
    const committed = await db.selectFrom('outbox').select('id').execute();
    await eventually(async () => published.length >= committed.length);
    expect(published.map((event) => event.id).sort()).toEqual(committed.map((row) => row.id).sort());
    for (const event of published) {
      expect(violations(event), `${event.type} ${JSON.stringify(event)}`).toEqual([]);
      expect(JSON.stringify(event)).not.toMatch(emailPattern);
    }
    const types = new Set(published.map((event) => event.type));
    expect([...types].sort()).toEqual([CreditsGranted.type, EntitlementsChanged.type, SubscriptionCanceled.type, SubscriptionOpened.type].sort());
  });

  it('keys each event by its aggregate: subscriptions by subscription id, credits by user id, entitlements by account id', async () => {
    for (const event of published) {
      const data = event.data as { subscriptionId?: string; userId: string; account?: { id: string } };
      const key = event.type === CreditsGranted.type ? data.userId : event.type === EntitlementsChanged.type ? data.account?.id : data.subscriptionId;
      expect(event.subject).toBe(key);
    }
  });
});
