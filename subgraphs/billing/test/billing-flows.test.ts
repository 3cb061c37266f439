import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import {
  AssistantUsageRecorded,
  CompanyMemberAdded,
  CreditsExhausted,
  CreditsLow,
  ReferralHired,
  pipelineReferralTopic,
  EntitlementsChanged,
  PaymentFailed,
  UserRegistered,
  assistantUsageTopic,
  billingCreditsTopic,
  billingEntitlementsTopic,
  billingPaymentTopic,
  billingSubscriptionTopic,
  catalogCompanyTopic,
  createCloudEvent,
  identityUserTopic,
  type CloudEvent,
  type EntitlementsChangedData,
} from '@jobgraph/kit';
import { createTestEvents, eventContracts, eventually, startSubgraphHarness, userPrincipal, type SubgraphHarness, type TestEvents } from '@jobgraph/kit/testing';
import type { Database } from '../src/db/types.ts';
import { appendCreditEntry } from '../src/domain/credit-ledger.ts';
import { createBuiltinProvider } from '../src/domain/payments/builtin-provider.ts';
import { renewDueSubscriptions } from '../src/domain/renew.ts';
import { billing } from '../src/index.ts';

let database: TestDatabase;
let harness: SubgraphHarness;
let events: TestEvents;
let db: Kysely<Database>;
const violations = eventContracts();
const provider = createBuiltinProvider();

beforeAll(async () => {
  database = await createTestDatabase();
  events = await createTestEvents({
    observe: [billingSubscriptionTopic, billingCreditsTopic, billingEntitlementsTopic, billingPaymentTopic],
    deliverTo: [identityUserTopic, assistantUsageTopic, catalogCompanyTopic, pipelineReferralTopic],
  });
  harness = await startSubgraphHarness(billing, database, { events: events.transport });
  db = createKysely<Database>({ url: database.urlFor('billing'), maxConnections: 24 });
});
afterAll(async () => {
  await harness?.stop();
  await events?.close();
  await db?.destroy();
  await database?.drop();
});

const handled = (event: CloudEvent) => eventually(async () => (await db.selectFrom('inbox').select('event_id').where('event_id', '=', event.id).executeTakeFirst()) !== undefined);

async function register(userId: string): Promise<void> {
  const event = createCloudEvent(UserRegistered, userId, { userId, roles: ['candidate'], registeredAt: new Date().toISOString() });
  await events.deliver(identityUserTopic, event);
  await handled(event);
}

const subscribeMutation = `mutation ($input: SubscribeInput!) { subscribe(input: $input) {
  subscription { id status cancelAtPeriodEnd companyId plan { code } } payment { id status amount { amountCents currency } } errors { code field }
} }`;
const changeMutation = `mutation ($input: ChangePlanInput!) { changePlan(input: $input) { subscription { id status plan { code } } payment { id status amount { amountCents } } errors { code } } }`;
const cancelMutation = `mutation ($input: SubscriptionIdInput!) { cancelSubscription(input: $input) { subscription { id cancelAtPeriodEnd } errors { code } } }`;
const resumeMutation = `mutation ($input: SubscriptionIdInput!) { resumeSubscription(input: $input) { subscription { id cancelAtPeriodEnd } errors { code } } }`;

interface SubscribeData {
  subscribe: { subscription: { id: string; status: string; companyId: string | null; plan: { code: string } } | null; payment: { id: string; status: string; amount: { amountCents: number } } | null; errors: { code: string }[] };
}

const entitlementsOf = (accountId: string) =>
  events.published.filter((event) => event.type === EntitlementsChanged.type && event.subject === accountId).map((event) => event.data as EntitlementsChangedData);

const balanceOf = async (userId: string) =>
  (await db.selectFrom('credit_ledger').select('balance_after').where('user_id', '=', userId).orderBy('seq', 'desc').limit(1).executeTakeFirst())?.balance_after ?? 0;

describe('a candidate’s subscription, from Free to Pro and back', () => {
  it('publishes EntitlementsChanged with a rising version on open, upgrade, cancel, resume, renewal, past due and the end', async () => {
    const userId = crypto.randomUUID();
    await register(userId);
    const me = userPrincipal(userId);
    const bought = await harness.request<SubscribeData>(subscribeMutation, { input: { planCode: 'pro', currency: 'USD', idempotencyKey: `pro-${userId}` } }, me);
    expect(bought.data?.subscribe).toMatchObject({ subscription: { status: 'ACTIVE', plan: { code: 'pro' } }, payment: { status: 'PAID', amount: { amountCents: 1900 } }, errors: [] });
    const subscriptionId = bought.data!.subscribe.subscription!.id;
    // Free's 20 and Pro's 500.
    expect(await balanceOf(userId)).toBe(520);

    expect((await harness.request(cancelMutation, { input: { subscriptionId } }, me)).data).toEqual({ cancelSubscription: { subscription: { id: subscriptionId, cancelAtPeriodEnd: true }, errors: [] } });
    expect((await harness.request(resumeMutation, { input: { subscriptionId } }, me)).data).toEqual({ resumeSubscription: { subscription: { id: subscriptionId, cancelAtPeriodEnd: false }, errors: [] } });

    // A month later the renewal job charges and grants the next period's credits.
    const row = await db.selectFrom('subscriptions').selectAll().where('id', '=', subscriptionId).executeTakeFirstOrThrow();
    expect(await renewDueSubscriptions(db, provider, new Date(row.current_period_end.getTime() + 1000))).toMatchObject({ renewed: 1 });
    expect(await renewDueSubscriptions(db, provider, new Date(row.current_period_end.getTime() + 2000))).toMatchObject({ renewed: 0 });
    expect(await balanceOf(userId)).toBe(1020);

    // The next renewal's card is declined: past due, PaymentFailed.
    await db.updateTable('subscriptions').set({ payment_method: 'pm_card_chargeDeclined' }).where('id', '=', subscriptionId).execute();
    const renewed = await db.selectFrom('subscriptions').selectAll().where('id', '=', subscriptionId).executeTakeFirstOrThrow();
    expect(await renewDueSubscriptions(db, provider, new Date(renewed.current_period_end.getTime() + 1000))).toMatchObject({ pastDue: 1 });
    expect((await db.selectFrom('subscriptions').select('status').where('id', '=', subscriptionId).executeTakeFirstOrThrow()).status).toBe('past_due');
    await eventually(async () => events.published.some((event) => event.type === PaymentFailed.type && (event.data as { subscriptionId: string }).subscriptionId === subscriptionId));

    // Canceled at the period end: the end comes with the next run of the job.
    await db.updateTable('subscriptions').set({ status: 'active', cancel_at_period_end: true }).where('id', '=', subscriptionId).execute();
    expect(await renewDueSubscriptions(db, provider, new Date(renewed.current_period_end.getTime() + 5000))).toMatchObject({ canceled: 1 });

    await eventually(async () => entitlementsOf(userId).length >= 7);
    const changes = entitlementsOf(userId);
    expect(changes.map((change) => [change.planCode, change.status])).toEqual([
      ['free', 'active'],
      ['pro', 'active'],
      ['pro', 'active'],
      ['pro', 'active'],
      ['pro', 'active'],
      ['pro', 'past_due'],
      ['pro', 'canceled'],
    ]);
    expect(changes.map((change) => change.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(changes[1]?.limits).toEqual({ aiCreditsPerPeriod: 500, activeListings: 0, seats: 0, savedSearches: null, featuredListings: 0 });
    // Back on Free's limits once Pro has ended.
    expect(changes[6]?.limits).toMatchObject({ aiCreditsPerPeriod: 20, savedSearches: 3 });
    for (const event of events.published) expect(violations(event), event.type).toEqual([]);
  });

  it('charges once for the same idempotency key sent twice at the same instant, and answers both with the first payment', async () => {
    const userId = crypto.randomUUID();
    await register(userId);
    const input = { planCode: 'pro', idempotencyKey: `same-${userId}` };
    const answers = await Promise.all([1, 2, 3].map(() => harness.request<SubscribeData>(subscribeMutation, { input }, userPrincipal(userId))));
    const paymentIds = new Set(answers.map((answer) => answer.data?.subscribe.payment?.id));
    expect(paymentIds.size).toBe(1);
    expect(answers.every((answer) => answer.data?.subscribe.errors.length === 0 && answer.data.subscribe.subscription?.plan.code === 'pro')).toBe(true);
    expect(await db.selectFrom('payments').select('id').where('user_id', '=', userId).execute()).toHaveLength(1);
    expect(await db.selectFrom('subscriptions').select('id').where('user_id', '=', userId).where('plan_id', '!=', '6d1f3a52-0b7e-4c1a-9f00-000000000001').execute()).toHaveLength(1);
    // The key with another request is refused.
    const reused = await harness.request<SubscribeData>(subscribeMutation, { input: { ...input, paymentMethod: 'pm_card_mastercard' } }, userPrincipal(userId));
    expect(reused.data?.subscribe.errors.map((error) => error.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(await db.selectFrom('payments').select('id').where('user_id', '=', userId).execute()).toHaveLength(1);
  });

  it('opens a company’s Team trial for its owner only, and refuses a plan below the seats in use', async () => {
    const owner = crypto.randomUUID();
    const companyId = crypto.randomUUID();
    const members = [owner, ...Array.from({ length: 4 }, () => crypto.randomUUID())];
    for (const [index, userId] of members.entries()) {
      const added = createCloudEvent(CompanyMemberAdded, companyId, { companyId, userId, role: index === 0 ? 'owner' : 'recruiter' });
      await events.deliver(catalogCompanyTopic, added);
      await handled(added);
    }
    const me = userPrincipal(owner, 'employer');
    // 5 members do not fit the Employer tier's 3 seats.
    const tooSmall = await harness.request<SubscribeData>(subscribeMutation, { input: { planCode: 'employer', companyId, idempotencyKey: `small-${companyId}` } }, me);
    expect(tooSmall.data?.subscribe.errors.map((error) => error.code)).toEqual(['SEATS_IN_USE']);
    // The Team tier starts with a 14-day trial, no charge.
    const team = await harness.request<SubscribeData>(subscribeMutation, { input: { planCode: 'employer_team', companyId, idempotencyKey: `team-${companyId}` } }, me);
    expect(team.data?.subscribe).toMatchObject({ subscription: { status: 'TRIALING', companyId, plan: { code: 'employer_team' } }, payment: null, errors: [] });
    const subscriptionId = team.data!.subscribe.subscription!.id;
    const down = await harness.request<{ changePlan: { errors: { code: string }[] } }>(changeMutation, { input: { subscriptionId, planCode: 'employer', idempotencyKey: `down-${companyId}` } }, me);
    expect(down.data?.changePlan.errors.map((error) => error.code)).toEqual(['SEATS_IN_USE']);
    // A recruiter of the company may not touch its plan: it answers as not found.
    const recruiter = userPrincipal(members[1]!, 'employer');
    expect((await harness.request<{ cancelSubscription: { errors: { code: string }[] } }>(cancelMutation, { input: { subscriptionId } }, recruiter)).data?.cancelSubscription.errors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    const changes = await eventually(async () => (entitlementsOf(companyId).length > 0 ? entitlementsOf(companyId) : undefined));
    expect(changes[0]).toMatchObject({ account: { kind: 'company', id: companyId }, planCode: 'employer_team', status: 'trialing', version: 1, limits: { seats: 10, activeListings: 50, featuredListings: 10 } });
  });
});

describe('credits', () => {
  it('never go below zero: of 200 concurrent debits of 1 against 100 credits, exactly 100 land', async () => {
    const userId = crypto.randomUUID();
    await db.transaction().execute((trx) => appendCreditEntry(trx, { userId, amount: 100, reason: 'plan_grant', reference: `grant:${userId}` }));
    const usages = Array.from({ length: 200 }, () => createCloudEvent(AssistantUsageRecorded, userId, { usageId: crypto.randomUUID(), userId, feature: 'answer', credits: 1, occurredAt: new Date().toISOString() }));
    const { debitUsage } = await import('../src/domain/usage-debit.ts');
    const outcomes = await Promise.all(usages.map((usage) => db.transaction().execute((trx) => debitUsage(trx, usage.data))));
    expect(outcomes.filter((outcome) => outcome === 'debited')).toHaveLength(100);
    expect(outcomes.filter((outcome) => outcome === 'insufficient')).toHaveLength(100);
    expect(await balanceOf(userId)).toBe(0);
    const rows = await db.selectFrom('credit_ledger').select(['amount', 'balance_after']).where('user_id', '=', userId).orderBy('seq').execute();
    expect(rows.every((row, index) => index === 0 || row.balance_after === rows[index - 1]!.balance_after + row.amount)).toBe(true);
    expect(Math.min(...rows.map((row) => row.balance_after))).toBe(0);
  });

  it('debit each assistant usage event once, however often it is delivered, and say when credits run low and out', async () => {
    const userId = crypto.randomUUID();
    await register(userId);
    const usage = (credits: number) => createCloudEvent(AssistantUsageRecorded, userId, { usageId: crypto.randomUUID(), userId, feature: 'cover_letter', credits, occurredAt: new Date().toISOString() });
    const first = usage(9);
    await events.deliver(assistantUsageTopic, first, first);
    await handled(first);
    expect(await balanceOf(userId)).toBe(11);
    const second = usage(2);
    await events.deliver(assistantUsageTopic, second);
    await handled(second);
    expect(await balanceOf(userId)).toBe(9);
    await eventually(async () => events.published.some((event) => event.type === CreditsLow.type && event.subject === userId));
    const tooMuch = usage(10);
    await events.deliver(assistantUsageTopic, tooMuch);
    await handled(tooMuch);
    expect(await balanceOf(userId)).toBe(9);
    const exhausted = await eventually(async () => events.published.find((event) => event.type === CreditsExhausted.type && event.subject === userId));
    expect(exhausted.data).toEqual({ userId, usageId: tooMuch.data.usageId });
    const debits = await db.selectFrom('credit_ledger').select('amount').where('user_id', '=', userId).where('reason', '=', 'ai_generation').execute();
    expect(debits.map((row) => row.amount).sort()).toEqual([-2, -9]);
  });
});

describe('invoices', () => {
  const buyPack = `mutation ($input: BuyCreditPackInput!) { buyCreditPack(input: $input) { payment { id status } errors { code } } }`;
  const invoicesQuery = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { invoices(first: 10) { edges { node {
    id number periodStart lines { description quantity unitAmount { amountCents currency } amount { amountCents } credits }
    subtotal { amountCents } tax { amountCents } total { amountCents currency } payment { id status amount { amountCents } } pdfBase64
  } } } } } }`;
  interface InvoiceNode {
    id: string;
    number: string;
    lines: { description: string; quantity: number; amount: { amountCents: number }; credits: number | null }[];
    total: { amountCents: number; currency: string };
    tax: { amountCents: number };
    payment: { id: string; status: string; amount: { amountCents: number } };
    pdfBase64: string;
  }

  it('numbers invoices without gaps under concurrent purchases, and their totals reconcile to the payments and the ledger', async () => {
    const buyers = Array.from({ length: 12 }, () => crypto.randomUUID());
    const before = await db.selectFrom('invoices').select((eb) => eb.fn.max('sequence').as('max')).executeTakeFirst();
    const answers = await Promise.all(buyers.map((userId) => harness.request<{ buyCreditPack: { payment: { status: string } } }>(buyPack, { input: { packCode: 'credits_200', idempotencyKey: `inv-${userId}` } }, userPrincipal(userId))));
    expect(answers.every((answer) => answer.data?.buyCreditPack.payment.status === 'PAID')).toBe(true);
    const sequences = (await db.selectFrom('invoices').select('sequence').where('user_id', 'in', buyers).execute()).map((row) => row.sequence).sort((a, b) => a - b);
    const start = Number(before?.max ?? 0) + 1;
    expect(sequences).toEqual(Array.from({ length: 12 }, (_, index) => start + index));

    const userId = buyers[0]!;
    const result = await harness.request<{ _entities: { invoices: { edges: { node: InvoiceNode }[] } }[] }>(invoicesQuery, { r: [{ __typename: 'User', id: userId }] }, userPrincipal(userId));
    expect(result.errors).toBeUndefined();
    const [invoice] = result.data!._entities[0]!.invoices.edges.map((edge) => edge.node);
    expect(invoice).toMatchObject({
      number: expect.stringMatching(/^JG-\d{4}-\d{6}$/),
      lines: [{ description: '200 AI credits', quantity: 1, amount: { amountCents: 900 }, credits: 200 }],
      tax: { amountCents: 0 },
      total: { amountCents: 900, currency: 'USD' },
      payment: { status: 'PAID', amount: { amountCents: 900 } },
    });
    // The ledger holds the purchase the invoice line names.
    const purchase = await db.selectFrom('credit_ledger').select('amount').where('reference', '=', `payment:${invoice!.payment.id}`).executeTakeFirstOrThrow();
    expect(purchase.amount).toBe(invoice!.lines[0]!.credits);
    const pdf = Buffer.from(invoice!.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(`Invoice ${invoice!.number}`);

    // Someone else's invoice: null by id, FORBIDDEN as a list.
    const stranger = userPrincipal(buyers[1]!);
    const byId = await harness.request<{ invoice: unknown }>(`query ($id: UUID!) { invoice(id: $id) { number } }`, { id: invoice!.id }, stranger);
    expect(byId.data?.invoice).toBeNull();
    const list = await harness.request(invoicesQuery, { r: [{ __typename: 'User', id: userId }] }, stranger);
    expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('issues one invoice per paid period: a subscription and each renewal, with the period on it', async () => {
    const userId = crypto.randomUUID();
    const bought = await harness.request<SubscribeData>(subscribeMutation, { input: { planCode: 'pro', idempotencyKey: `inv-pro-${userId}` } }, userPrincipal(userId));
    const subscription = await db.selectFrom('subscriptions').selectAll().where('id', '=', bought.data!.subscribe.subscription!.id).executeTakeFirstOrThrow();
    await renewDueSubscriptions(db, provider, new Date(subscription.current_period_end.getTime() + 1));
    const invoices = await db.selectFrom('invoices').selectAll().where('user_id', '=', userId).orderBy('sequence').execute();
    expect(invoices.map((invoice) => invoice.total_cents)).toEqual([1900, 1900]);
    expect(invoices[1]?.period_start?.toISOString()).toBe(subscription.current_period_end.toISOString());
    const paid = await db.selectFrom('payments').select((eb) => eb.fn.sum<number>('amount_cents').as('sum')).where('user_id', '=', userId).where('status', '=', 'paid').executeTakeFirstOrThrow();
    expect(Number(paid.sum)).toBe(3800);
  });
});

describe('recruiter commissions', () => {
  it('records one pending commission per hired referral, however often it is delivered, and shows the recruiter their earnings only', async () => {
    const recruiterId = crypto.randomUUID();
    const hired = (cents: number) => {
      const applicationId = crypto.randomUUID();
      return createCloudEvent(ReferralHired, applicationId, {
        referralId: crypto.randomUUID(),
        applicationId,
        recruiterId,
        candidateUserId: crypto.randomUUID(),
        companyId: crypto.randomUUID(),
        jobListingId: null,
        commissionCents: cents,
        currency: 'USD',
        hiredAt: new Date().toISOString(),
      });
    };
    const first = hired(150000);
    const second = hired(50000);
    await events.deliver(pipelineReferralTopic, first, first, second);
    await handled(second);
    await handled(first);
    const earnings = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { earnings { status total { amountCents currency } count } } } }`;
    const mine = await harness.request<{ _entities: { earnings: unknown[] }[] }>(earnings, { r: [{ __typename: 'User', id: recruiterId }] }, userPrincipal(recruiterId, 'recruiter'));
    expect(mine.data?._entities[0]?.earnings).toEqual([{ status: 'PENDING', total: { amountCents: 200000, currency: 'USD' }, count: 2 }]);
    const other = await harness.request(earnings, { r: [{ __typename: 'User', id: recruiterId }] }, userPrincipal(crypto.randomUUID(), 'recruiter'));
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
