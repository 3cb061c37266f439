import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { createKafkaTransport, createLogger } from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import { kafkaBrokers } from '../../src/testing/kafka-brokers.ts';
import { dataOf, refusedAtTheEdge, graphql } from './graphql-client.ts';
import { createCompany } from './operations.ts';
import { useStory, type Member } from './story.ts';

/** The whole stack with events on the real broker: Free subscriptions and company members reach billing. */
const story = useStory({
  events: () => createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'e2e-billing', logger: createLogger('kafka', 'silent'), namespace: `e2e-${crypto.randomUUID().slice(0, 8)}` }),
});

const subscribe = /* GraphQL */ `
  mutation Subscribe($input: SubscribeInput!) {
    subscribe(input: $input) { subscription { id status companyId plan { code } } payment { id status amount { amountCents currency } } errors { field code message } }
  }
`;
const cancel = /* GraphQL */ `
  mutation Cancel($input: SubscriptionIdInput!) { cancelSubscription(input: $input) { subscription { id cancelAtPeriodEnd } errors { code } } }
`;
const changePlan = /* GraphQL */ `
  mutation Change($input: ChangePlanInput!) { changePlan(input: $input) { subscription { id plan { code } } payment { id } errors { code } } }
`;
const createPlan = /* GraphQL */ `
  mutation CreatePlan($input: CreatePlanInput!) { createPlan(input: $input) { plan { code active highlighted } errors { field code } } }
`;

interface SubscribeData {
  subscribe: {
    subscription: { id: string; status: string; companyId: string | null; plan: { code: string } } | null;
    payment: { id: string; status: string; amount: { amountCents: number; currency: string } } | null;
    errors: { field: string[]; code: string; message: string }[];
  };
}

async function adminSql<T>(run: (db: ReturnType<typeof createKysely<unknown>>) => Promise<T>): Promise<T> {
  const db = createKysely<unknown>({ url: story().database.adminUrl, maxConnections: 1 });
  try {
    return await run(db);
  } finally {
    await db.destroy();
  }
}

/** Waits for billing to have stored the member's Free subscription (UserRegistered through Kafka). */
const onFree = (member: Member) =>
  eventually(async () => (await adminSql(async (db) => (await sql<{ n: number }>`select count(*)::int as n from billing.subscriptions where user_id = ${member.id}::uuid`.execute(db)).rows[0]?.n)) === 1, 30_000);

describe('billing through the gateway', () => {
  it('subscribes to Pro once for the same payment submitted twice at once, and refuses a currency that does not match the plan', async () => {
    const ada = await story().candidate('Ada Billing');
    await onFree(ada);
    const wrongCurrency = dataOf(await ada.request<SubscribeData>(subscribe, { input: { planCode: 'pro', currency: 'EUR', idempotencyKey: `eur-${ada.id}` } }));
    expect(wrongCurrency.subscribe).toMatchObject({ subscription: null, payment: null, errors: [{ field: ['input', 'currency'], code: 'CURRENCY_MISMATCH' }] });

    const input = { planCode: 'pro', currency: 'USD', idempotencyKey: `pro-${ada.id}` };
    const [first, second] = await Promise.all([ada.request<SubscribeData>(subscribe, { input }), ada.request<SubscribeData>(subscribe, { input })]);
    const a = dataOf(first).subscribe;
    const b = dataOf(second).subscribe;
    expect(a).toMatchObject({ subscription: { status: 'ACTIVE', plan: { code: 'pro' } }, payment: { status: 'PAID', amount: { amountCents: 1900, currency: 'USD' } }, errors: [] });
    expect(b.payment?.id).toBe(a.payment?.id);
    expect(b.subscription?.id).toBe(a.subscription?.id);
    const charges = await adminSql(async (db) => (await sql<{ n: number }>`select count(*)::int as n from billing.payments where user_id = ${ada.id}::uuid`.execute(db)).rows[0]?.n);
    expect(charges).toBe(1);
    const viewer = dataOf(await ada.request<{ viewer: { subscription: { plan: { code: string } }; credits: { balance: number } } }>('{ viewer { subscription { plan { code } } credits { balance } } }'));
    expect(viewer.viewer).toEqual({ subscription: { plan: { code: 'pro' } }, credits: { balance: 520 } });
  });

  it('answers another user’s subscription, payment and invoice ids as if they did not exist', async () => {
    const owner = await story().candidate('Olga Owner');
    await onFree(owner);
    const bought = dataOf(await owner.request<SubscribeData>(subscribe, { input: { planCode: 'pro', idempotencyKey: `own-${owner.id}` } })).subscribe;
    const subscriptionId = bought.subscription!.id;
    const paymentId = bought.payment!.id;

    const mallory = await story().candidate('Mallory Snoop');
    const read = await mallory.request<{ billingSubscription: unknown; payment: unknown }>(`query ($s: UUID!, $p: UUID!) { billingSubscription(id: $s) { id status } payment(id: $p) { id status } }`, { s: subscriptionId, p: paymentId });
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({ billingSubscription: null, payment: null });
    const invoiceId = (await adminSql(async (db) => (await sql<{ id: string }>`select id from billing.invoices where payment_id = ${paymentId}::uuid`.execute(db)).rows[0]?.id))!;
    const invoiceRead = await mallory.request<{ invoice: unknown }>(`query ($i: UUID!) { invoice(id: $i) { number pdfBase64 } }`, { i: invoiceId });
    expect(invoiceRead.data).toEqual({ invoice: null });
    const ownInvoice = dataOf(await owner.request<{ invoice: { total: { amountCents: number } } }>(`query ($i: UUID!) { invoice(id: $i) { total { amountCents } } }`, { i: invoiceId }));
    expect(ownInvoice.invoice).toEqual({ total: { amountCents: 1900 } });
    const canceled = dataOf(await mallory.request<{ cancelSubscription: { subscription: unknown; errors: { code: string }[] } }>(cancel, { input: { subscriptionId } }));
    expect(canceled.cancelSubscription).toEqual({ subscription: null, errors: [{ code: 'NOT_FOUND' }] });
    const changed = dataOf(await mallory.request<{ changePlan: { errors: { code: string }[] } }>(changePlan, { input: { subscriptionId, planCode: 'pro', idempotencyKey: `steal-${mallory.id}` } }));
    expect(changed.changePlan.errors).toEqual([{ code: 'NOT_FOUND' }]);
    // The owner still sees both, unchanged.
    const own = dataOf(await owner.request<{ billingSubscription: { cancelAtPeriodEnd: boolean }; payment: { status: string } }>(`query ($s: UUID!, $p: UUID!) { billingSubscription(id: $s) { cancelAtPeriodEnd } payment(id: $p) { status } }`, { s: subscriptionId, p: paymentId }));
    expect(own).toEqual({ billingSubscription: { cancelAtPeriodEnd: false }, payment: { status: 'PAID' } });
    // Not a UUID at all: the scalar refuses it before billing sees it.
    const bad = await mallory.request(`{ payment(id: "../../etc/passwd") { id } }`);
    expect(bad.data ?? null).toBeNull();
    expect(bad.errors?.length).toBeGreaterThan(0);
  });

  it('lets a company owner buy the Team tier, and no one else buy for the company', async () => {
    const erin = await story().employer('Erin Employer');
    const company = dataOf(await erin.request<{ createCompany: { company: { id: string } } }>(createCompany, { input: { name: `Billing Co ${crypto.randomUUID().slice(0, 6)}` } })).createCompany.company.id;
    // CompanyMemberAdded (owner) reaches billing through Kafka.
    await eventually(async () => (await adminSql(async (db) => (await sql<{ n: number }>`select count(*)::int as n from billing.company_members where company_id = ${company}::uuid`.execute(db)).rows[0]?.n)) === 1, 30_000);
    const outsider = await story().employer('Oscar Outsider');
    const refused = dataOf(await outsider.request<SubscribeData>(subscribe, { input: { planCode: 'employer_team', companyId: company, idempotencyKey: `out-${outsider.id}` } }));
    expect(refused.subscribe.errors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    const noCompany = dataOf(await erin.request<SubscribeData>(subscribe, { input: { planCode: 'employer', idempotencyKey: `none-${erin.id}` } }));
    expect(noCompany.subscribe.errors.map((error) => error.code)).toEqual(['COMPANY_REQUIRED']);
    const team = dataOf(await erin.request<SubscribeData>(subscribe, { input: { planCode: 'employer_team', companyId: company, idempotencyKey: `team-${erin.id}` } }));
    expect(team.subscribe).toMatchObject({ subscription: { status: 'TRIALING', companyId: company, plan: { code: 'employer_team' } }, payment: null, errors: [] });
    const read = dataOf(await erin.request<{ companySubscription: { plan: { code: string } } }>(`query ($c: UUID!) { companySubscription(companyId: $c) { plan { code } } }`, { c: company }));
    expect(read.companySubscription).toEqual({ plan: { code: 'employer_team' } });
    const peek = dataOf(await outsider.request<{ companySubscription: unknown }>(`query ($c: UUID!) { companySubscription(companyId: $c) { id } }`, { c: company }));
    expect(peek.companySubscription).toBeNull();
  });

  it('refuses bad idempotency keys and payment methods, and lets only admins add plans, never at a negative or zero price', async () => {
    const ada = await story().candidate('Ada Keys');
    const shortKey = dataOf(await ada.request<SubscribeData>(subscribe, { input: { planCode: 'pro', idempotencyKey: 'short' } }));
    expect(shortKey.subscribe.errors.map((error) => error.code)).toEqual(['INVALID_IDEMPOTENCY_KEY']);
    expect(refusedAtTheEdge(await ada.request(subscribe, { input: { planCode: 'pro', idempotencyKey: `key\u0000${'x'.repeat(10)}` } }))).toBe('BAD_USER_INPUT');
    const card = dataOf(await ada.request<SubscribeData>(subscribe, { input: { planCode: 'pro', paymentMethod: '4242 4242 4242 4242', idempotencyKey: `card-${ada.id}` } }));
    expect(card.subscribe.errors.map((error) => error.code)).toEqual(['INVALID_PAYMENT_METHOD']);
    const declined = dataOf(await ada.request<SubscribeData>(subscribe, { input: { planCode: 'pro', paymentMethod: 'pm_card_chargeDeclined', idempotencyKey: `declined-${ada.id}` } }));
    expect(declined.subscribe.errors.map((error) => error.code)).toEqual(['PAYMENT_FAILED']);

    const plan = { code: 'pro_plus', name: 'Pro Plus', audience: 'CANDIDATE', priceCents: 2900, currency: 'USD', interval: 'MONTH', entitlements: [{ feature: 'ai_credits_per_month', limit: 900 }] };
    const asCandidate = await ada.request(createPlan, { input: plan });
    expect(asCandidate.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const root = await story().candidate('Root Admin');
    await adminSql((db) => sql`update identity.users set roles = '{admin}' where id = ${root.id}::uuid`.execute(db));
    const signedIn = dataOf(await graphql<{ signIn: { tokens: { accessToken: string } } }>(story().stack.gatewayUrl, `mutation ($input: SignInInput!) { signIn(input: $input) { tokens { accessToken } } }`, { input: { email: root.email, password: 'a long and unusual passphrase' } }));
    const asAdmin = <T>(query: string, variables: Record<string, unknown>) => graphql<T>(story().stack.gatewayUrl, query, variables, signedIn.signIn.tokens.accessToken);
    type PlanData = { createPlan: { plan: { code: string } | null; errors: { field: string[]; code: string }[] } };
    expect(dataOf(await asAdmin<PlanData>(createPlan, { input: { ...plan, priceCents: -100 } })).createPlan).toEqual({ plan: null, errors: [{ field: ['input', 'priceCents'], code: 'INVALID_AMOUNT' }] });
    expect(dataOf(await asAdmin<PlanData>(createPlan, { input: { ...plan, priceCents: 0 } })).createPlan).toEqual({ plan: null, errors: [{ field: ['input', 'priceCents'], code: 'INVALID_AMOUNT' }] });
    expect(dataOf(await asAdmin<PlanData>(createPlan, { input: plan })).createPlan).toEqual({ plan: { code: 'pro_plus', active: true, highlighted: false }, errors: [] });

    // Retiring a plan leaves its subscribers on it: Ada buys Pro Plus, then it is retired.
    const bought = dataOf(await ada.request<SubscribeData>(subscribe, { input: { planCode: 'pro_plus', idempotencyKey: `plus-${ada.id}` } }));
    expect(bought.subscribe.subscription?.plan.code).toBe('pro_plus');
    expect(dataOf(await asAdmin<{ retirePlan: { plan: { active: boolean } } }>(`mutation ($input: RetirePlanInput!) { retirePlan(input: $input) { plan { active } errors { code } } }`, { input: { code: 'pro_plus' } })).retirePlan.plan).toEqual({ active: false });
    const plans = dataOf(await ada.request<{ plans: { code: string }[]; viewer: { subscription: { plan: { code: string; active: boolean } } } }>('{ plans { code } viewer { subscription { plan { code active } } } }'));
    expect(plans.plans.map((p) => p.code)).not.toContain('pro_plus');
    expect(plans.viewer.subscription.plan).toEqual({ code: 'pro_plus', active: false });
    const again = dataOf(await root.request<SubscribeData>(subscribe, { input: { planCode: 'pro_plus', idempotencyKey: `plus-${root.id}` } }));
    expect(again.subscribe.errors.map((error) => error.code)).toEqual(['PLAN_NOT_FOUND']);
  });
});
