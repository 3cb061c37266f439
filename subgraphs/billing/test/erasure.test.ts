import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { ReferralHired, UserErased, UserRegistered, createCloudEvent, identityUserTopic, pipelineReferralTopic, type CloudEvent } from '@jobgraph/kit';
import { createTestEvents, eventually, startSubgraphHarness, userPrincipal, type SubgraphHarness, type TestEvents } from '@jobgraph/kit/testing';
import type { Database } from '../src/db/types.ts';
import { planIds } from '../src/domain/plan-catalog.ts';
import { billing } from '../src/index.ts';

let database: TestDatabase;
let harness: SubgraphHarness;
let events: TestEvents;
let db: Kysely<Database>;
let admin: Kysely<unknown>;

beforeAll(async () => {
  database = await createTestDatabase();
  events = await createTestEvents({ observe: [], deliverTo: [identityUserTopic, pipelineReferralTopic] });
  harness = await startSubgraphHarness(billing, database, { events: events.transport });
  db = createKysely<Database>({ url: database.urlFor('billing'), maxConnections: 2 });
  admin = createKysely<unknown>({ url: database.adminUrl, maxConnections: 1 });
});
afterAll(async () => {
  await harness?.stop();
  await events?.close();
  await db?.destroy();
  await admin?.destroy();
  await database?.drop();
});

const handled = (event: CloudEvent) => eventually(async () => (await db.selectFrom('inbox').select('event_id').where('event_id', '=', event.id).executeTakeFirst()) !== undefined);

/** Every billing table (but the outbox, the transport) with a row whose text mentions the id. */
async function rowsMentioning(userId: string): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'billing' and table_type = 'BASE TABLE' and table_name <> 'outbox'`.execute(admin);
  const counts: Record<string, number> = {};
  for (const { table_name: table } of tables.rows) {
    const n = (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(`billing.${table}`)} as t where t::text ilike ${`%${userId}%`}`.execute(admin)).rows[0]?.n ?? 0;
    if (n > 0) counts[table] = n;
  }
  return counts;
}

describe('erasing a user who paid', () => {
  it('keeps their payments, invoices, commissions and company plan for the books under a tombstone id, and forgets everything else', async () => {
    const userId = crypto.randomUUID();
    const registered = createCloudEvent(UserRegistered, userId, { userId, roles: ['employer', 'recruiter'], registeredAt: new Date().toISOString() });
    await events.deliver(identityUserTopic, registered);
    await handled(registered);
    // A credit pack bought with a key that says who they are: a payment, an invoice, a ledger entry.
    const bought = await harness.request<{ buyCreditPack: { payment: { id: string } } }>(
      `mutation ($input: BuyCreditPackInput!) { buyCreditPack(input: $input) { payment { id } errors { code } } }`,
      { input: { packCode: 'credits_200', idempotencyKey: `pack-for-${userId}` } },
      userPrincipal(userId),
    );
    const paymentId = bought.data!.buyCreditPack.payment.id;
    const invoice = await db.selectFrom('invoices').select(['id', 'number', 'total_cents']).where('payment_id', '=', paymentId).executeTakeFirstOrThrow();
    // A company plan they bought, and a commission owed to them as a recruiter.
    const companyId = crypto.randomUUID();
    const companyPlan = await db
      .insertInto('subscriptions')
      .values({ user_id: userId, company_id: companyId, plan_id: planIds.employer, status: 'active', current_period_start: new Date(), current_period_end: new Date(Date.now() + 86_400_000), provider: 'builtin', payment_method: 'pm_card_visa' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const hired = createCloudEvent(ReferralHired, crypto.randomUUID(), {
      referralId: crypto.randomUUID(),
      applicationId: crypto.randomUUID(),
      recruiterId: userId,
      candidateUserId: crypto.randomUUID(),
      companyId,
      jobListingId: null,
      commissionCents: 50_000,
      currency: 'USD',
      hiredAt: new Date().toISOString(),
    });
    await events.deliver(pipelineReferralTopic, hired);
    await handled(hired);
    expect(Object.keys(await rowsMentioning(userId)).sort()).toEqual(['commissions', 'credit_balances', 'credit_ledger', 'entitlement_versions', 'invoices', 'payments', 'subscriptions']);

    const erased = createCloudEvent(UserErased, userId, { userId, erasedAt: new Date().toISOString() });
    await events.deliver(identityUserTopic, erased);
    await handled(erased);

    expect(await rowsMentioning(userId)).toEqual({});
    // The books still balance: the same invoice number and total, the paid payment, the commission owed.
    const keptInvoice = await db.selectFrom('invoices').select(['number', 'total_cents', 'user_id']).where('id', '=', invoice.id).executeTakeFirstOrThrow();
    expect(keptInvoice).toMatchObject({ number: invoice.number, total_cents: invoice.total_cents });
    const keptPayment = await db.selectFrom('payments').select(['status', 'amount_cents', 'user_id', 'idempotency_key']).where('id', '=', paymentId).executeTakeFirstOrThrow();
    expect(keptPayment).toEqual({ status: 'paid', amount_cents: 900, user_id: keptInvoice.user_id, idempotency_key: `erased:${paymentId}` });
    const commission = await db.selectFrom('commissions').select(['recruiter_id', 'amount_cents', 'status']).where('referral_id', '=', hired.data.referralId).executeTakeFirstOrThrow();
    expect(commission).toEqual({ recruiter_id: keptInvoice.user_id, amount_cents: 50_000, status: 'pending' });
    // The company keeps its plan.
    expect(await db.selectFrom('subscriptions').select(['status', 'user_id']).where('id', '=', companyPlan.id).executeTakeFirstOrThrow()).toEqual({ status: 'active', user_id: keptInvoice.user_id });
    // The erased user's token, were it still alive, finds nothing of theirs.
    const stale = await harness.request<{ payment: unknown; invoice: unknown }>(`query ($p: UUID!, $i: UUID!) { payment(id: $p) { id } invoice(id: $i) { id } }`, { p: paymentId, i: invoice.id }, userPrincipal(userId));
    expect(stale.data).toEqual({ payment: null, invoice: null });
  });
});
