import type { Kysely } from 'kysely';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { PaymentFailed, billingCreditsTopic, billingEntitlementsTopic, billingPaymentTopic, billingSubscriptionTopic } from '@jobgraph/kit';
import { createTestEvents, eventually, startSubgraphHarness, userPrincipal, type SubgraphHarness, type TestEvents } from '@jobgraph/kit/testing';
import type { Database } from '../src/db/types.ts';
import { planIds } from '../src/domain/plan-catalog.ts';
import { createStripeClient, createStripeProvider } from '../src/domain/payments/stripe-provider.ts';
import { renewDueSubscriptions } from '../src/domain/renew.ts';
import { billing } from '../src/index.ts';
import { stripeMockUrl } from './stripe-mock-url.ts';

const webhookSecret = 'whsec_billing_tests_secret';
let database: TestDatabase;
let harness: SubgraphHarness;
let events: TestEvents;
let db: Kysely<Database>;
let webhookUrl: string;
const signer = new Stripe('sk_test_123');

beforeAll(async () => {
  database = await createTestDatabase();
  events = await createTestEvents({ observe: [billingSubscriptionTopic, billingCreditsTopic, billingEntitlementsTopic, billingPaymentTopic] });
  const env = { ...process.env, BILLING_PAYMENT_PROVIDER: 'stripe', STRIPE_API_BASE: stripeMockUrl(), STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_WEBHOOK_TOLERANCE_SECONDS: '300' };
  harness = await startSubgraphHarness(billing, database, { env, events: events.transport });
  webhookUrl = harness.service.url.replace(/\/graphql$/, '/webhooks/stripe');
  db = createKysely<Database>({ url: database.urlFor('billing'), maxConnections: 2 });
});
afterAll(async () => {
  await harness?.stop();
  await events?.close();
  await db?.destroy();
  await database?.drop();
});

const buyPack = `mutation ($input: BuyCreditPackInput!) { buyCreditPack(input: $input) { payment { id status amount { amountCents currency } } credits { balance } errors { code } } }`;
interface BuyPackData {
  buyCreditPack: { payment: { id: string; status: string; amount: { amountCents: number; currency: string } } | null; credits: { balance: number } | null; errors: { code: string }[] };
}

/** A Stripe event as Stripe would send it, about one PaymentIntent. */
function intentEvent(type: 'payment_intent.succeeded' | 'payment_intent.payment_failed', paymentId: string, intentId: string): string {
  return JSON.stringify({
    id: `evt_${crypto.randomUUID().replaceAll('-', '')}`,
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: Math.floor(Date.now() / 1000),
    type,
    data: { object: { id: intentId, object: 'payment_intent', status: type === 'payment_intent.succeeded' ? 'succeeded' : 'requires_payment_method', metadata: { jobgraph_payment_id: paymentId }, last_payment_error: type === 'payment_intent.succeeded' ? null : { message: 'Your card was declined.' } } },
  });
}

async function postWebhook(body: string, signature: string | null): Promise<{ status: number; body: unknown }> {
  const response = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) }, body });
  return { status: response.status, body: await response.json() };
}

const sign = (body: string, options: { secret?: string; timestamp?: number } = {}) =>
  signer.webhooks.generateTestHeaderString({ payload: body, secret: options.secret ?? webhookSecret, ...(options.timestamp ? { timestamp: options.timestamp } : {}) });

const balanceOf = async (userId: string) =>
  (await db.selectFrom('credit_ledger').select('balance_after').where('user_id', '=', userId).orderBy('seq', 'desc').limit(1).executeTakeFirst())?.balance_after ?? 0;

describe('the Stripe provider against stripe-mock', () => {
  it('sends a customer and a confirmed PaymentIntent with the payment id and an idempotency key per payer and key', async () => {
    const sent: { path: string; method: string; headers: Record<string, string>; body: string }[] = [];
    const node = Stripe.createNodeHttpClient();
    const recording = Object.create(node) as Stripe.HttpClient;
    recording.makeRequest = (host, port, path, method, headers, requestData, protocol, timeout) => {
      sent.push({ path, method, headers: headers as Record<string, string>, body: requestData });
      return node.makeRequest(host, port, path, method, headers, requestData, protocol, timeout);
    };
    const provider = createStripeProvider(createStripeClient({ secretKey: 'sk_test_123', apiBase: stripeMockUrl(), httpClient: recording }));
    const paymentId = crypto.randomUUID();
    const result = await provider.charge({ paymentId, amountCents: 1900, currency: 'USD', payerId: 'payer-1', description: 'Jobgraph Pro', paymentMethod: 'pm_card_visa', idempotencyKey: 'payer-1:key-123456' });
    // stripe-mock validated both requests against Stripe's OpenAPI spec and answered a PaymentIntent.
    expect(result.providerRef).toMatch(/^pi_/);
    expect(['paid', 'pending']).toContain(result.status);
    expect(sent.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /v1/customers', 'POST /v1/payment_intents']);
    expect(sent[0]?.headers['Idempotency-Key']).toBe('customer:payer-1');
    expect(sent[1]?.headers['Idempotency-Key']).toBe('payer-1:key-123456');
    const form = new URLSearchParams(sent[1]?.body);
    expect(Object.fromEntries([...form.entries()].filter(([key]) => ['amount', 'currency', 'confirm', 'payment_method', 'metadata[jobgraph_payment_id]'].includes(key)))).toEqual({
      amount: '1900',
      currency: 'usd',
      confirm: 'true',
      payment_method: 'pm_card_visa',
      'metadata[jobgraph_payment_id]': paymentId,
    });
  });

  it('refuses what stripe-mock refuses: an amount Stripe does not accept is an error, not a payment', async () => {
    const provider = createStripeProvider(createStripeClient({ secretKey: 'sk_test_123', apiBase: stripeMockUrl() }));
    await expect(provider.charge({ paymentId: crypto.randomUUID(), amountCents: 1.5, currency: 'USD', payerId: 'payer-2', description: 'x', paymentMethod: 'pm_card_visa', idempotencyKey: 'payer-2:key-abcdefg' })).rejects.toThrow();
  });
});

describe('a credit pack paid through Stripe, settled by webhook', () => {
  it('stays pending until a signed payment_intent.succeeded arrives, then credits once however often the event is replayed', async () => {
    const userId = crypto.randomUUID();
    const bought = await harness.request<BuyPackData>(buyPack, { input: { packCode: 'credits_200', idempotencyKey: `pack-${userId}` } }, userPrincipal(userId));
    expect(bought.data?.buyCreditPack).toMatchObject({ payment: { status: 'PENDING', amount: { amountCents: 900, currency: 'USD' } }, credits: { balance: 0 }, errors: [] });
    const paymentId = bought.data!.buyCreditPack.payment!.id;
    const { provider_ref: intentId } = await db.selectFrom('payments').select('provider_ref').where('id', '=', paymentId).executeTakeFirstOrThrow();
    expect(intentId).toMatch(/^pi_/);

    const body = intentEvent('payment_intent.succeeded', paymentId, intentId!);
    const header = sign(body);
    expect(await postWebhook(body, header)).toEqual({ status: 200, body: { received: true, outcome: 'processed' } });
    expect(await balanceOf(userId)).toBe(200);
    // The same delivery again, and again freshly signed: processed once.
    expect(await postWebhook(body, header)).toEqual({ status: 200, body: { received: true, outcome: 'duplicate' } });
    expect(await postWebhook(body, sign(body))).toEqual({ status: 200, body: { received: true, outcome: 'duplicate' } });
    expect(await balanceOf(userId)).toBe(200);
    const payment = await harness.request<{ payment: { status: string } }>(`query ($id: UUID!) { payment(id: $id) { status } }`, { id: paymentId }, userPrincipal(userId));
    expect(payment.data?.payment).toEqual({ status: 'PAID' });
    // Another user asking for it gets nothing.
    const stranger = await harness.request<{ payment: unknown }>(`query ($id: UUID!) { payment(id: $id) { status } }`, { id: paymentId }, userPrincipal(crypto.randomUUID()));
    expect(stranger.data?.payment).toBeNull();
  });

  it('refuses a forged signature, a stale timestamp and a missing signature, and changes nothing', async () => {
    const userId = crypto.randomUUID();
    const bought = await harness.request<BuyPackData>(buyPack, { input: { packCode: 'credits_200', idempotencyKey: `pack-${userId}` } }, userPrincipal(userId));
    const paymentId = bought.data!.buyCreditPack.payment!.id;
    const body = intentEvent('payment_intent.succeeded', paymentId, 'pi_forged');
    expect(await postWebhook(body, sign(body, { secret: 'whsec_someone_else' }))).toEqual({ status: 400, body: { error: 'invalid signature' } });
    expect(await postWebhook(body, sign(body, { timestamp: Math.floor(Date.now() / 1000) - 3600 }))).toEqual({ status: 400, body: { error: 'invalid signature' } });
    expect(await postWebhook(body, null)).toEqual({ status: 400, body: { error: 'missing signature' } });
    // A body changed after signing.
    expect(await postWebhook(body.replace(paymentId, crypto.randomUUID()), sign(body))).toEqual({ status: 400, body: { error: 'invalid signature' } });
    expect(await balanceOf(userId)).toBe(0);
    expect(await db.selectFrom('provider_events').select('event_id').where('event_id', '=', (JSON.parse(body) as { id: string }).id).execute()).toHaveLength(0);
  });

  it('makes a subscription past due when its renewal payment fails, and publishes PaymentFailed', async () => {
    const userId = crypto.randomUUID();
    const subscription = await db
      .insertInto('subscriptions')
      .values({ user_id: userId, plan_id: planIds.pro, status: 'active', current_period_start: new Date('2030-01-01T00:00:00Z'), current_period_end: new Date('2030-02-01T00:00:00Z'), provider: 'stripe', payment_method: 'pm_card_visa' })
      .returningAll()
      .executeTakeFirstOrThrow();
    const stripeProvider = createStripeProvider(createStripeClient({ secretKey: 'sk_test_123', apiBase: stripeMockUrl() }));
    expect(await renewDueSubscriptions(db, stripeProvider, new Date('2030-02-01T00:00:01Z'))).toMatchObject({ pending: 1 });
    const renewal = await db.selectFrom('payments').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
    expect(renewal).toMatchObject({ kind: 'renewal', status: 'pending', amount_cents: 1900 });
    const body = intentEvent('payment_intent.payment_failed', renewal.id, renewal.provider_ref!);
    expect(await postWebhook(body, sign(body))).toEqual({ status: 200, body: { received: true, outcome: 'processed' } });
    expect((await db.selectFrom('subscriptions').select('status').where('id', '=', subscription.id).executeTakeFirstOrThrow()).status).toBe('past_due');
    const failed = await eventually(async () => events.published.find((event) => event.type === PaymentFailed.type && event.subject === renewal.id));
    expect(failed.data).toMatchObject({ kind: 'renewal', subscriptionId: subscription.id, reason: 'Your card was declined.', amountCents: 1900 });
  });
});
