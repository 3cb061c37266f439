import { sql } from 'kysely';
import { createHmac } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import {
  AssistantUsageRecorded,
  CompanyMemberAdded,
  assistantUsageTopic,
  catalogCompanyTopic,
  createCloudEvent,
  createKafkaTransport,
  createLogger,
  startJobQueue,
  type CloudEvent,
  type EventTransport,
} from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import { kafkaBrokers } from '../../src/testing/kafka-brokers.ts';
import { dataOf } from './graphql-client.ts';
import { createCompany } from './operations.ts';
import { useStory, type Member } from './story.ts';

const webhookSecret = 'whsec_e2e_billing_webhooks';
let transport: EventTransport | undefined;
/**
 * The whole stack with billing charging through Stripe, here stripe-mock (Stripe's own API
 * mock), and the provider's webhooks coming in through the gateway's `/webhooks/billing/…`
 * forward, as Stripe would call them. Events on the real broker.
 */
const story = useStory({
  env: { ...process.env, BILLING_PAYMENT_PROVIDER: 'stripe', STRIPE_API_BASE: inject('stripeApiBase'), STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_WEBHOOK_TOLERANCE_SECONDS: '300' },
  events: () => {
    transport = createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'e2e-billing-webhooks', logger: createLogger('kafka', 'silent'), namespace: `e2e-${crypto.randomUUID().slice(0, 8)}` });
    return transport;
  },
});

const buyPack = /* GraphQL */ `mutation ($input: BuyCreditPackInput!) { buyCreditPack(input: $input) { payment { id status amount { amountCents currency } } errors { code } } }`;
const paymentQuery = /* GraphQL */ `query ($id: UUID!) { payment(id: $id) { status paidAt } }`;
const ledger = /* GraphQL */ `{ viewer { credits { balance ledger(first: 50) { edges { node { amount reason } } } } } }`;
type Ledger = { viewer: { credits: { balance: number; ledger: { edges: { node: { amount: number; reason: string } }[] } } } };
type BuyPack = { buyCreditPack: { payment: { id: string; status: string; amount: { amountCents: number } } | null; errors: { code: string }[] } };

async function adminSql<T>(run: (db: ReturnType<typeof createKysely<unknown>>) => Promise<T>): Promise<T> {
  const db = createKysely<unknown>({ url: story().database.adminUrl, maxConnections: 1 });
  try {
    return await run(db);
  } finally {
    await db.destroy();
  }
}

/** What billing would hear from another domain, put on the broker as that domain would. */
async function speakFor(topic: string, event: CloudEvent): Promise<void> {
  if (!transport) throw new Error('no transport');
  await transport.publish([{ topic, key: event.subject, value: JSON.stringify(event), headers: {} }]);
}

/** A payment_intent event as Stripe sends it. */
function intentEvent(type: 'payment_intent.succeeded' | 'payment_intent.payment_failed', paymentId: string, intentId: string): string {
  return JSON.stringify({
    id: `evt_${crypto.randomUUID().replaceAll('-', '')}`,
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: Math.floor(Date.now() / 1000),
    type,
    data: { object: { id: intentId, object: 'payment_intent', status: type === 'payment_intent.succeeded' ? 'succeeded' : 'requires_payment_method', metadata: { jobgraph_payment_id: paymentId }, last_payment_error: null } },
  });
}

/** The `Stripe-Signature` header as Stripe computes it: HMAC-SHA256 of `<timestamp>.<raw body>` under the endpoint's secret. */
function sign(body: string, options: { secret?: string; timestamp?: number } = {}): string {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return `t=${timestamp},v1=${createHmac('sha256', options.secret ?? webhookSecret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** POSTs to the gateway's public webhook forward, as Stripe does. */
async function webhook(body: string, signature: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${new URL(story().stack.gatewayUrl).origin}/webhooks/billing/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
  return { status: response.status, body: await response.json() };
}

async function pendingPack(member: Member, key: string): Promise<{ paymentId: string; intentId: string }> {
  const bought = dataOf(await member.request<BuyPack>(buyPack, { input: { packCode: 'credits_200', idempotencyKey: key } })).buyCreditPack;
  expect(bought).toMatchObject({ payment: { status: 'PENDING', amount: { amountCents: 900 } }, errors: [] });
  const paymentId = bought.payment!.id;
  const intentId = await adminSql(async (db) => (await sql<{ ref: string }>`select provider_ref as ref from billing.payments where id = ${paymentId}::uuid`.execute(db)).rows[0]?.ref);
  expect(intentId).toMatch(/^pi_/);
  return { paymentId, intentId: intentId! };
}

const purchases = async (member: Member) => dataOf(await member.request<Ledger>(ledger)).viewer.credits.ledger.edges.filter((edge) => edge.node.reason === 'PURCHASE');

describe('Stripe webhooks through the gateway', () => {
  it('settle a pending Stripe payment once: a replayed webhook, freshly signed or not, changes nothing more', async () => {
    const ada = await story().candidate('Ada Webhook');
    const { paymentId, intentId } = await pendingPack(ada, `pack-${ada.id}`);
    expect(await purchases(ada)).toEqual([]);

    const body = intentEvent('payment_intent.succeeded', paymentId, intentId);
    const header = sign(body);
    expect(await webhook(body, header)).toEqual({ status: 200, body: { received: true, outcome: 'processed' } });
    expect(dataOf(await ada.request<{ payment: { status: string } }>(paymentQuery, { id: paymentId })).payment.status).toBe('PAID');
    expect(await purchases(ada)).toEqual([{ node: { amount: 200, reason: 'PURCHASE' } }]);

    expect(await webhook(body, header)).toEqual({ status: 200, body: { received: true, outcome: 'duplicate' } });
    expect(await webhook(body, sign(body))).toEqual({ status: 200, body: { received: true, outcome: 'duplicate' } });
    expect(await purchases(ada)).toHaveLength(1);
    const invoices = await adminSql(async (db) => (await sql<{ n: number }>`select count(*)::int as n from billing.invoices where payment_id = ${paymentId}::uuid`.execute(db)).rows[0]?.n);
    expect(invoices).toBe(1);
  });

  it('refuses a forged signature, a stale timestamp and a body changed after signing, and the payment stays pending', async () => {
    const bea = await story().candidate('Bea Forgery');
    const { paymentId, intentId } = await pendingPack(bea, `pack-${bea.id}`);
    const body = intentEvent('payment_intent.succeeded', paymentId, intentId);
    expect(await webhook(body, sign(body, { secret: 'whsec_not_the_one_billing_knows' }))).toEqual({ status: 400, body: { error: 'invalid signature' } });
    expect(await webhook(body, sign(body, { timestamp: Math.floor(Date.now() / 1000) - 3600 }))).toEqual({ status: 400, body: { error: 'invalid signature' } });
    const other = intentEvent('payment_intent.succeeded', paymentId, 'pi_someone_elses');
    expect(await webhook(other, sign(body))).toEqual({ status: 400, body: { error: 'invalid signature' } });
    expect(dataOf(await bea.request<{ payment: { status: string; paidAt: string | null } }>(paymentQuery, { id: paymentId })).payment).toEqual({ status: 'PENDING', paidAt: null });
    expect(await purchases(bea)).toEqual([]);
    // Nothing was recorded as processed: the genuine event, when it comes, still settles it.
    expect(await webhook(body, sign(body))).toEqual({ status: 200, body: { received: true, outcome: 'processed' } });
    expect(await purchases(bea)).toHaveLength(1);
  });

  it('charges once through Stripe for the same payment submitted twice at once', async () => {
    const cy = await story().candidate('Cy Double');
    const input = { packCode: 'credits_200', currency: 'USD', idempotencyKey: `twice-${cy.id}` };
    const [a, b] = await Promise.all([cy.request<BuyPack>(buyPack, { input }), cy.request<BuyPack>(buyPack, { input })]);
    expect(dataOf(a).buyCreditPack.payment?.id).toBeDefined();
    expect(dataOf(b).buyCreditPack.payment?.id).toBe(dataOf(a).buyCreditPack.payment?.id);
    const rows = await adminSql(async (db) => (await sql<{ n: number }>`select count(*)::int as n from billing.payments where user_id = ${cy.id}::uuid`.execute(db)).rows[0]?.n);
    expect(rows).toBe(1);
    // The same key for another purchase is refused, and a currency the pack is not sold in too.
    const reused = dataOf(await cy.request<{ subscribe: { errors: { code: string }[] } }>(`mutation ($input: SubscribeInput!) { subscribe(input: $input) { errors { code } } }`, { input: { planCode: 'pro', idempotencyKey: input.idempotencyKey } })).subscribe;
    expect(reused.errors.map((error) => error.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    const euros = dataOf(await cy.request<BuyPack>(buyPack, { input: { ...input, currency: 'EUR', idempotencyKey: `eur-${cy.id}` } })).buyCreditPack;
    expect(euros.errors.map((error) => error.code)).toEqual(['CURRENCY_MISMATCH']);
  });
});

describe('a renewal through Stripe', () => {
  it('is charged by the scheduled renewal job, and its failed payment, reported by webhook, makes the subscription past due with PaymentFailed', async () => {
    const eve = await story().candidate('Eve Renewal');
    const subscribed = dataOf(await eve.request<{ subscribe: { subscription: unknown; payment: { id: string; status: string } } }>(`mutation ($input: SubscribeInput!) { subscribe(input: $input) { subscription { id } payment { id status } errors { code } } }`, { input: { planCode: 'pro', idempotencyKey: `pro-${eve.id}` } })).subscribe;
    expect(subscribed).toMatchObject({ subscription: null, payment: { status: 'PENDING' } });
    const intentOf = async (paymentId: string) => adminSql(async (db) => (await sql<{ ref: string }>`select provider_ref as ref from billing.payments where id = ${paymentId}::uuid`.execute(db)).rows[0]!.ref);
    const paid = intentEvent('payment_intent.succeeded', subscribed.payment.id, await intentOf(subscribed.payment.id));
    expect((await webhook(paid, sign(paid))).status).toBe(200);
    const status = async () => dataOf(await eve.request<{ viewer: { subscription: { id: string; status: string; plan: { code: string } } } }>('{ viewer { subscription { id status plan { code } } } }')).viewer.subscription;
    const pro = await eventually(async () => ((await status()).plan.code === 'pro' ? status() : null), 30_000);
    expect(pro.status).toBe('ACTIVE');

    // The period ends; an operator runs the renewal job now instead of waiting for its cron.
    await adminSql((db) => sql`update billing.subscriptions set current_period_start = now() - interval '31 days', current_period_end = now() - interval '1 minute' where id = ${pro.id}::uuid`.execute(db));
    const operator = await startJobQueue({ databaseUrl: story().database.urlFor('billing'), schema: 'billing', jobs: [], logger: createLogger('jobs', 'silent') });
    try {
      await operator.send('billing.renew-due-subscriptions', {}, { singletonKey: `renew-${pro.id}` });
    } finally {
      await operator.stop();
    }
    const renewal = await eventually(async () => adminSql(async (db) => (await sql<{ id: string; ref: string | null }>`select id, provider_ref as ref from billing.payments where user_id = ${eve.id}::uuid and kind = 'renewal'`.execute(db)).rows[0] ?? null), 40_000);
    expect(renewal.ref).toMatch(/^pi_/);
    const failed = intentEvent('payment_intent.payment_failed', renewal.id, renewal.ref!);
    expect(await webhook(failed, sign(failed))).toEqual({ status: 200, body: { received: true, outcome: 'processed' } });
    expect(await status()).toMatchObject({ id: pro.id, status: 'PAST_DUE', plan: { code: 'pro' } });
    expect(dataOf(await eve.request<{ payment: { status: string } }>(paymentQuery, { id: renewal.id })).payment.status).toBe('FAILED');
    const announced = await adminSql(async (db) => (await sql<{ n: number }>`select count(*)::int as n from billing.outbox where type = 'jobgraph.billing.payment.failed.v1' and key = ${renewal.id}`.execute(db)).rows[0]?.n);
    expect(announced).toBe(1);
  });
});

describe('hostile plan changes and usage through the gateway', () => {
  it('refuses a downgrade below the seats the company uses', async () => {
    const owner = await story().employer('Seats Owner');
    const companyId = dataOf(await owner.request<{ createCompany: { company: { id: string } } }>(createCompany, { input: { name: `Seats Co ${crypto.randomUUID().slice(0, 6)}` } })).createCompany.company.id;
    const members = () => adminSql(async (db) => (await sql<{ n: number }>`select count(*)::int as n from billing.company_members where company_id = ${companyId}::uuid and not removed`.execute(db)).rows[0]?.n);
    await eventually(async () => (await members()) === 1, 30_000);
    const team = dataOf(await owner.request<{ subscribe: { subscription: { id: string; status: string } | null } }>(`mutation ($input: SubscribeInput!) { subscribe(input: $input) { subscription { id status } errors { code } } }`, { input: { planCode: 'employer_team', companyId, idempotencyKey: `team-${companyId}` } })).subscribe.subscription!;
    expect(team.status).toBe('TRIALING');
    // Catalog says three more people joined: four seats in use, one more than the Employer plan's three.
    for (let n = 0; n < 3; n += 1) await speakFor(catalogCompanyTopic, createCloudEvent(CompanyMemberAdded, companyId, { companyId, userId: crypto.randomUUID(), role: 'member' }));
    await eventually(async () => (await members()) === 4, 30_000);
    const change = /* GraphQL */ `mutation ($input: ChangePlanInput!) { changePlan(input: $input) { subscription { plan { code } } payment { id } errors { field code message } } }`;
    const refused = dataOf(await owner.request<{ changePlan: { subscription: unknown; payment: unknown; errors: { field: string[]; code: string; message: string }[] } }>(change, { input: { subscriptionId: team.id, planCode: 'employer', idempotencyKey: `down-${companyId}` } })).changePlan;
    expect(refused).toMatchObject({ subscription: null, payment: null, errors: [{ field: ['input', 'planCode'], code: 'SEATS_IN_USE' }] });
    expect(refused.errors[0]?.message).toContain('4');
    const still = dataOf(await owner.request<{ companySubscription: { plan: { code: string } } }>(`query ($c: UUID!) { companySubscription(companyId: $c) { plan { code } } }`, { c: companyId }));
    expect(still.companySubscription.plan.code).toBe('employer_team');
  });

  it('debits each usage once, and nothing for a usage billing cannot place: no credits, a zero or negative amount, more than the balance, an unknown user', async () => {
    const dee = await story().candidate('Dee Usage');
    const balance = async () => dataOf(await dee.request<Ledger>(ledger)).viewer.credits.balance;
    await eventually(async () => (await balance()) === 20, 30_000); // Free's monthly credits, from UserRegistered
    const usage = (userId: string, credits: number, usageId: string = crypto.randomUUID()) =>
      createCloudEvent(AssistantUsageRecorded, userId, { usageId, userId, feature: 'cover_letter', credits, occurredAt: new Date().toISOString() });
    const once = usage(dee.id, 5);
    await speakFor(assistantUsageTopic, once);
    await eventually(async () => (await balance()) === 15, 30_000);
    // The same usage again under a new event id (the assistant retried): no second debit.
    await speakFor(assistantUsageTopic, usage(dee.id, 5, once.data.usageId));
    const stranger = crypto.randomUUID();
    const strangersUsage = usage(stranger, 3);
    for (const event of [usage(dee.id, 0), usage(dee.id, -5), usage(dee.id, 500), strangersUsage]) await speakFor(assistantUsageTopic, event);
    // A marker after them: once it is debited, everything before it on the partition was handled.
    const marker = usage(dee.id, 1);
    await speakFor(assistantUsageTopic, marker);
    await eventually(async () => (await balance()) === 14, 30_000);
    const entries = dataOf(await dee.request<Ledger>(ledger)).viewer.credits.ledger.edges.map((edge) => edge.node);
    expect(entries).toEqual([
      { amount: -1, reason: 'AI_GENERATION' },
      { amount: -5, reason: 'AI_GENERATION' },
      { amount: 20, reason: 'PLAN_GRANT' },
    ]);
    // The stranger's usage (another key, maybe another partition) was handled, and debited nothing.
    await eventually(async () => (await adminSql(async (db) => (await sql<{ n: number }>`select count(*)::int as n from billing.inbox where event_id = ${strangersUsage.id}`.execute(db)).rows[0]?.n)) === 1, 30_000);
    const strangers = await adminSql(async (db) => (await sql<{ n: number }>`select count(*)::int as n from billing.credit_ledger where user_id = ${stranger}::uuid`.execute(db)).rows[0]?.n);
    expect(strangers).toBe(0);
  });
});
