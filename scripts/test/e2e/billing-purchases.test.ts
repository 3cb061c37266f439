import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { ReferralHired, createCloudEvent, createKafkaTransport, createLogger, pipelineReferralTopic, type EventTransport } from '@jobgraph/kit';
import { emailPattern, eventContracts, eventually } from '@jobgraph/kit/testing';
import { kafkaBrokers } from '../../src/testing/kafka-brokers.ts';
import { dataOf, graphql, refusedAtTheEdge } from './graphql-client.ts';
import { createCompany } from './operations.ts';
import { useStory, type Member } from './story.ts';

let transport: EventTransport | undefined;
/** The whole stack on the real broker: catalog's listings and members reach billing, billing's purchases reach catalog. */
const story = useStory({
  events: () => {
    transport = createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'e2e-billing-purchases', logger: createLogger('kafka', 'silent'), namespace: `e2e-${crypto.randomUUID().slice(0, 8)}` });
    return transport;
  },
});

const suffix = crypto.randomUUID().slice(0, 6);
const listingInput = { description: 'A listing to feature.', employmentType: 'FULL_TIME', remoteType: 'REMOTE', publish: true };
const post = /* GraphQL */ `mutation ($input: CreateJobListingInput!) { createJobListing(input: $input) { jobListing { id featured } errors { field code } } }`;
const purchaseFields = `purchase { id kind companyId jobListingId quantity amount { amountCents currency } startsAt endsAt payment { id status kind } } payment { id status } errors { field code }`;
const buyFeatured = /* GraphQL */ `mutation ($input: BuyFeaturedListingInput!) { buyFeaturedListing(input: $input) { ${purchaseFields} } }`;
const buyJobPosts = /* GraphQL */ `mutation ($input: BuyJobPostsInput!) { buyJobPosts(input: $input) { ${purchaseFields} } }`;
const subscribe = /* GraphQL */ `mutation ($input: SubscribeInput!) { subscribe(input: $input) { subscription { id status } errors { code } } }`;
const invoices = /* GraphQL */ `{ viewer { invoices(first: 10) { edges { node { number total { amountCents } periodStart periodEnd lines { description quantity unitAmount { amountCents } amount { amountCents } } payment { id } } } } } }`;

interface PurchaseData {
  purchase: { id: string; kind: string; companyId: string; jobListingId: string | null; quantity: number; amount: { amountCents: number; currency: string }; startsAt: string; endsAt: string; payment: { id: string; status: string; kind: string } } | null;
  payment: { id: string; status: string } | null;
  errors: { field: string[]; code: string }[];
}

async function adminSql<T>(run: (db: ReturnType<typeof createKysely<unknown>>) => Promise<T>): Promise<T> {
  const db = createKysely<unknown>({ url: story().database.adminUrl, maxConnections: 1 });
  try {
    return await run(db);
  } finally {
    await db.destroy();
  }
}
const count = (query: ReturnType<typeof sql<{ n: number }>>) => adminSql(async (db) => (await query.execute(db)).rows[0]?.n ?? 0);

/** An employer with a company billing knows them as owner of (CompanyMemberAdded through Kafka). */
async function ownerOfCompany(name: string): Promise<{ owner: Member; companyId: string }> {
  const owner = await story().employer(`${name} Owner`);
  const companyId = dataOf(await owner.request<{ createCompany: { company: { id: string } } }>(createCompany, { input: { name: `${name} ${suffix}` } })).createCompany.company.id;
  await eventually(async () => (await count(sql<{ n: number }>`select count(*)::int as n from billing.company_members where company_id = ${companyId}::uuid`)) === 1, 30_000);
  return { owner, companyId };
}

async function openListing(owner: Member, companyId: string, title: string): Promise<string> {
  const created = dataOf(await owner.request<{ createJobListing: { jobListing: { id: string } | null; errors: { code: string }[] } }>(post, { input: { ...listingInput, companyId, title } })).createJobListing;
  expect(created.errors).toEqual([]);
  return created.jobListing!.id;
}

/** An admin's requests: a user given the admin role, signed in again for a token that carries it. */
async function admin(): Promise<<T>(query: string, variables?: Record<string, unknown>) => ReturnType<typeof graphql<T>>> {
  const root = await story().candidate('Root Billing Admin');
  await adminSql((db) => sql`update identity.users set roles = '{admin}' where id = ${root.id}::uuid`.execute(db));
  const signedIn = dataOf(await graphql<{ signIn: { tokens: { accessToken: string } } }>(story().stack.gatewayUrl, `mutation ($input: SignInInput!) { signIn(input: $input) { tokens { accessToken } } }`, { input: { email: root.email, password: 'a long and unusual passphrase' } }));
  return (query, variables = {}) => graphql(story().stack.gatewayUrl, query, variables, signedIn.signIn.tokens.accessToken);
}

describe('featured listings (BI-10)', () => {
  it('features an open listing of the owner’s company for the weeks bought: paid once however often it is submitted, invoiced, and catalog shows it featured', async () => {
    const { owner, companyId } = await ownerOfCompany('Feature Co');
    const listingId = await openListing(owner, companyId, 'Featured Engineer');
    // JobPosted reaches billing's listing projection.
    await eventually(async () => (await count(sql<{ n: number }>`select count(*)::int as n from billing.company_listings where listing_id = ${listingId}::uuid and status = 'open'`)) === 1, 30_000);

    const input = { companyId, jobListingId: listingId, weeks: 2, currency: 'USD', idempotencyKey: `feature-${listingId}` };
    const [first, second] = await Promise.all([owner.request<{ buyFeaturedListing: PurchaseData }>(buyFeatured, { input }), owner.request<{ buyFeaturedListing: PurchaseData }>(buyFeatured, { input })]);
    const bought = dataOf(first).buyFeaturedListing;
    expect(bought).toMatchObject({ purchase: { kind: 'FEATURED_LISTING', companyId, jobListingId: listingId, quantity: 2, amount: { amountCents: 5800, currency: 'USD' }, payment: { status: 'PAID', kind: 'FEATURED_LISTING' } }, errors: [] });
    expect(new Date(bought.purchase!.endsAt).getTime() - new Date(bought.purchase!.startsAt).getTime()).toBe(14 * 86_400_000);
    expect(dataOf(second).buyFeaturedListing.purchase?.id).toBe(bought.purchase?.id);
    expect(await count(sql<{ n: number }>`select count(*)::int as n from billing.payments where user_id = ${owner.id}::uuid`)).toBe(1);

    const invoice = dataOf(await owner.request<{ viewer: { invoices: { edges: { node: { total: { amountCents: number }; lines: unknown[]; payment: { id: string } } }[] } } }>(invoices)).viewer.invoices.edges;
    expect(invoice).toHaveLength(1);
    expect(invoice[0]?.node).toMatchObject({ total: { amountCents: 5800 }, lines: [{ description: 'Featured listing (1 week)', quantity: 2, unitAmount: { amountCents: 2900 }, amount: { amountCents: 5800 } }], payment: { id: bought.payment?.id } });

    // Catalog sets the flag from FeaturedListingPurchased.
    const featured = await eventually(async () => {
      const job = dataOf(await owner.request<{ job: { featured: boolean; featuredUntil: string | null } }>(`query ($id: UUID!) { job(id: $id) { featured featuredUntil } }`, { id: listingId })).job;
      return job.featured ? job : null;
    }, 30_000);
    expect(featured.featuredUntil).toBe(bought.purchase?.endsAt);
  });

  it('refuses zero or negative weeks, another currency, a listing of another company, and anyone but the company’s owners and admins', async () => {
    const { owner, companyId } = await ownerOfCompany('Careful Co');
    const listingId = await openListing(owner, companyId, 'Careful Role');
    const other = await ownerOfCompany('Other Co');
    const othersListing = await openListing(other.owner, other.companyId, 'Not Yours');
    await eventually(async () => (await count(sql<{ n: number }>`select count(*)::int as n from billing.company_listings where listing_id in (${listingId}::uuid, ${othersListing}::uuid)`)) === 2, 30_000);
    const attempt = async (who: Member, input: Record<string, unknown>) =>
      dataOf(await who.request<{ buyFeaturedListing: PurchaseData }>(buyFeatured, { input: { companyId, jobListingId: listingId, idempotencyKey: `try-${crypto.randomUUID()}`, ...input } })).buyFeaturedListing;
    expect(await attempt(owner, { weeks: 0 })).toEqual({ purchase: null, payment: null, errors: [{ field: ['input', 'weeks'], code: 'INVALID_QUANTITY' }] });
    expect((await attempt(owner, { weeks: -3 })).errors).toEqual([{ field: ['input', 'weeks'], code: 'INVALID_QUANTITY' }]);
    expect((await attempt(owner, { weeks: 13 })).errors).toEqual([{ field: ['input', 'weeks'], code: 'INVALID_QUANTITY' }]);
    expect((await attempt(owner, { currency: 'EUR' })).errors).toEqual([{ field: ['input', 'currency'], code: 'CURRENCY_MISMATCH' }]);
    expect((await attempt(owner, { jobListingId: othersListing })).errors).toEqual([{ field: ['input', 'jobListingId'], code: 'NOT_FOUND' }]);
    expect((await attempt(other.owner, {})).errors).toEqual([{ field: ['input', 'companyId'], code: 'NOT_FOUND' }]);
    expect((await attempt(owner, { paymentMethod: 'pm_card_chargeDeclined' })).errors).toEqual([{ field: ['input', 'paymentMethod'], code: 'PAYMENT_FAILED' }]);
    // Nothing was bought: only the declined attempt left a (failed) payment.
    expect(await count(sql<{ n: number }>`select count(*)::int as n from billing.purchases where company_id = ${companyId}::uuid`)).toBe(0);
    expect(await count(sql<{ n: number }>`select count(*)::int as n from billing.payments where company_id = ${companyId}::uuid and status <> 'failed'`)).toBe(0);
  });
});

describe('job posts (BI-10)', () => {
  it('add to the company plan’s open listings for 30 days: catalog lets the company open one more once billing says so', async () => {
    const { owner, companyId } = await ownerOfCompany('Posts Co');
    const noPlan = dataOf(await owner.request<{ buyJobPosts: PurchaseData }>(buyJobPosts, { input: { companyId, quantity: 1, idempotencyKey: `posts-${companyId}-early` } })).buyJobPosts;
    expect(noPlan.errors).toEqual([{ field: ['input', 'companyId'], code: 'NO_COMPANY_PLAN' }]);
    expect(dataOf(await owner.request<{ subscribe: { subscription: { status: string } | null } }>(subscribe, { input: { planCode: 'employer', companyId, idempotencyKey: `plan-${companyId}` } })).subscribe.subscription).toEqual(expect.objectContaining({ status: 'ACTIVE' }));
    // Catalog hears of the plan's 10 open listings.
    await eventually(async () => (await count(sql<{ n: number }>`select active_listings as n from catalog.company_entitlements where company_id = ${companyId}::uuid`)) === 10, 30_000);
    for (let n = 1; n <= 10; n += 1) await openListing(owner, companyId, `Role ${n}`);
    const over = dataOf(await owner.request<{ createJobListing: { errors: { code: string }[] } }>(post, { input: { ...listingInput, companyId, title: 'Role 11' } })).createJobListing;
    expect(over.errors.map((error) => error.code)).toEqual(['PLAN_LIMIT_REACHED']);

    for (const quantity of [0, -1]) {
      const refused = dataOf(await owner.request<{ buyJobPosts: PurchaseData }>(buyJobPosts, { input: { companyId, quantity, idempotencyKey: `posts-${companyId}-${quantity}` } })).buyJobPosts;
      expect(refused).toEqual({ purchase: null, payment: null, errors: [{ field: ['input', 'quantity'], code: 'INVALID_QUANTITY' }] });
    }
    const bought = dataOf(await owner.request<{ buyJobPosts: PurchaseData }>(buyJobPosts, { input: { companyId, quantity: 2, idempotencyKey: `posts-${companyId}` } })).buyJobPosts;
    expect(bought).toMatchObject({ purchase: { kind: 'JOB_POST', quantity: 2, jobListingId: null, amount: { amountCents: 9800, currency: 'USD' } }, payment: { status: 'PAID' }, errors: [] });
    expect(new Date(bought.purchase!.endsAt).getTime() - new Date(bought.purchase!.startsAt).getTime()).toBe(30 * 86_400_000);
    // EntitlementsChanged raises the allowance to 12; catalog's limit counts it.
    await eventually(async () => (await count(sql<{ n: number }>`select active_listings as n from catalog.company_entitlements where company_id = ${companyId}::uuid`)) === 12, 30_000);
    await openListing(owner, companyId, 'Role 11');
    await openListing(owner, companyId, 'Role 12');
    const full = dataOf(await owner.request<{ createJobListing: { errors: { code: string }[] } }>(post, { input: { ...listingInput, companyId, title: 'Role 13' } })).createJobListing;
    expect(full.errors.map((error) => error.code)).toEqual(['PLAN_LIMIT_REACHED']);
  });
});

describe('recruiter commissions (BI-14)', () => {
  const hired = (recruiterId: string, cents: number) => {
    const referralId = crypto.randomUUID();
    const applicationId = crypto.randomUUID();
    return createCloudEvent(ReferralHired, applicationId, {
      referralId,
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
  const earnings = /* GraphQL */ `query ($status: CommissionStatus) { viewer { earnings { status count total { amountCents currency } } commissions(status: $status, first: 10) { edges { node { id status amount { amountCents } approvedAt paidAt payoutReference } } pageInfo { hasNextPage } totals { status count total { amountCents } } } } }`;
  const approve = /* GraphQL */ `mutation ($input: CommissionIdInput!) { approveCommission(input: $input) { commission { id status approvedAt } errors { code } } }`;
  const pay = /* GraphQL */ `mutation ($input: PayCommissionInput!) { payCommission(input: $input) { commission { id status paidAt payoutReference } errors { field code } } }`;
  type Earnings = { viewer: { earnings: { status: string; count: number; total: { amountCents: number } }[]; commissions: { edges: { node: { id: string; status: string; amount: { amountCents: number }; payoutReference: string | null } }[]; totals: { status: string; count: number; total: { amountCents: number } }[] } } };

  it('go pending → approved → paid by an admin, each once, and the recruiter sees them one by one and totalled by status', async () => {
    const rita = await story().recruiter('Rita Recruiter');
    const first = hired(rita.id, 150_000);
    const second = hired(rita.id, 80_000);
    if (!transport) throw new Error('no transport');
    // Pipeline's ReferralHired, as pipeline will publish it; the second twice (a redelivery).
    for (const event of [first, second, second]) await transport.publish([{ topic: pipelineReferralTopic, key: event.subject, value: JSON.stringify(event), headers: {} }]);
    const pending = await eventually(async () => {
      const view = dataOf(await rita.request<Earnings>(earnings, {})).viewer;
      // Both fields resolve in parallel: wait until each has seen both commissions.
      return view.commissions.edges.length === 2 && view.earnings[0]?.count === 2 ? view : null;
    }, 30_000);
    expect(pending.commissions.totals).toEqual([{ status: 'PENDING', count: 2, total: { amountCents: 230_000 } }]);
    expect(pending.earnings).toEqual([{ status: 'PENDING', count: 2, total: { amountCents: 230_000, currency: 'USD' } }]);
    const big = pending.commissions.edges.find((edge) => edge.node.amount.amountCents === 150_000)!.node.id;

    // Only admins move commissions; the recruiter cannot approve their own.
    expect((await rita.request(approve, { input: { commissionId: big } })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asAdmin = await admin();
    const early = dataOf(await asAdmin<{ payCommission: { errors: { code: string }[] } }>(pay, { input: { commissionId: big, payoutReference: 'tr_0001', idempotencyKey: `payout-${big}` } }));
    expect(early.payCommission.errors.map((error) => error.code)).toEqual(['INVALID_TRANSITION']);
    const badInput = async (input: Record<string, unknown>) => dataOf(await asAdmin<{ payCommission: { errors: { field: string[]; code: string }[] } }>(pay, { input: { commissionId: big, payoutReference: 'tr_0001', idempotencyKey: `payout-${big}`, ...input } })).payCommission.errors;
    expect(await badInput({ payoutReference: '' })).toEqual([{ field: ['input', 'payoutReference'], code: 'INVALID_PAYOUT_REFERENCE' }]);
    expect(await badInput({ payoutReference: 'x'.repeat(101) })).toEqual([{ field: ['input', 'payoutReference'], code: 'INVALID_PAYOUT_REFERENCE' }]);
    expect(await badInput({ idempotencyKey: 'short' })).toEqual([{ field: ['input', 'idempotencyKey'], code: 'INVALID_IDEMPOTENCY_KEY' }]);
    expect(refusedAtTheEdge(await asAdmin(pay, { input: { commissionId: big, payoutReference: 'tr\u00000001', idempotencyKey: `payout-${big}` } }))).toBe('BAD_USER_INPUT');
    const approved = dataOf(await asAdmin<{ approveCommission: { commission: { status: string; approvedAt: string } | null } }>(approve, { input: { commissionId: big } }));
    expect(approved.approveCommission.commission?.status).toBe('APPROVED');
    const paid = dataOf(await asAdmin<{ payCommission: { commission: { status: string; payoutReference: string } | null; errors: unknown[] } }>(pay, { input: { commissionId: big, payoutReference: 'tr_0001', idempotencyKey: `payout-${big}` } }));
    expect(paid.payCommission).toMatchObject({ commission: { status: 'PAID', payoutReference: 'tr_0001' }, errors: [] });
    // The same payout again answers it; another payout of it is refused; it cannot go back.
    expect(dataOf(await asAdmin<{ payCommission: { commission: { status: string } | null; errors: unknown[] } }>(pay, { input: { commissionId: big, payoutReference: 'tr_0001', idempotencyKey: `payout-${big}` } })).payCommission).toMatchObject({ commission: { status: 'PAID' }, errors: [] });
    expect(dataOf(await asAdmin<{ payCommission: { errors: { code: string }[] } }>(pay, { input: { commissionId: big, payoutReference: 'tr_0002', idempotencyKey: `payout-${big}-again` } })).payCommission.errors.map((error) => error.code)).toEqual(['ALREADY_PAID']);
    expect(dataOf(await asAdmin<{ approveCommission: { errors: { code: string }[] } }>(approve, { input: { commissionId: big } })).approveCommission.errors.map((error) => error.code)).toEqual(['INVALID_TRANSITION']);
    expect(dataOf(await asAdmin<{ approveCommission: { errors: { code: string }[] } }>(approve, { input: { commissionId: crypto.randomUUID() } })).approveCommission.errors.map((error) => error.code)).toEqual(['NOT_FOUND']);

    const after = dataOf(await rita.request<Earnings>(earnings, {})).viewer;
    expect(after.commissions.totals).toEqual([
      { status: 'PAID', count: 1, total: { amountCents: 150_000 } },
      { status: 'PENDING', count: 1, total: { amountCents: 80_000 } },
    ]);
    const onlyPaid = dataOf(await rita.request<Earnings>(earnings, { status: 'PAID' })).viewer.commissions;
    expect(onlyPaid.edges.map((edge) => edge.node)).toEqual([expect.objectContaining({ id: big, status: 'PAID', payoutReference: 'tr_0001' })]);
    // Events for each step, in the outbox with the change.
    const types = await adminSql(async (db) => (await sql<{ type: string }>`select type from billing.outbox where key = ${big} order by seq`.execute(db)).rows.map((row) => row.type));
    expect(types).toEqual(['jobgraph.billing.commission.recorded.v1', 'jobgraph.billing.commission.approved.v1', 'jobgraph.billing.commission.paid.v1']);

    // Another recruiter sees none of it, and an admin's list of approved ones no longer holds it.
    const other = await story().recruiter('Other Recruiter');
    expect(dataOf(await other.request<Earnings>(earnings, {})).viewer.commissions).toMatchObject({ edges: [], totals: [] });
    expect((await other.request(`{ commissions(first: 5) { totals { status } } }`)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const approvedList = dataOf(await asAdmin<{ commissions: { edges: { node: { id: string } }[] } }>(`{ commissions(status: APPROVED, first: 50) { edges { node { id } } } }`));
    expect(approvedList.commissions.edges.map((edge) => edge.node.id)).not.toContain(big);
  });
});

describe('billing’s events in these stories', () => {
  it('each conform to their JSON Schema and carry no email address', async () => {
    const violations = eventContracts();
    const envelopes = await adminSql(async (db) => (await sql<{ type: string; envelope: unknown }>`select type, envelope from billing.outbox order by seq`.execute(db)).rows);
    const types = new Set(envelopes.map((row) => row.type));
    for (const type of ['jobgraph.billing.purchase.featured-listing-purchased.v1', 'jobgraph.billing.purchase.job-posts-purchased.v1', 'jobgraph.billing.commission.paid.v1']) expect(types).toContain(type);
    for (const row of envelopes) {
      expect(violations(row.envelope), row.type).toEqual([]);
      expect(JSON.stringify(row.envelope)).not.toMatch(emailPattern);
    }
  });
});
