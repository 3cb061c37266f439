import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { CreditsExpired, EntitlementsChanged, PaymentFailed, createLogger, startJobQueue, type JobQueue } from '@jobgraph/kit';
import { eventually, startSubgraphHarness, type SubgraphHarness } from '@jobgraph/kit/testing';
import type { Database } from '../src/db/types.ts';
import { appendCreditEntry } from '../src/domain/credit-ledger.ts';
import { createBuiltinProvider } from '../src/domain/payments/builtin-provider.ts';
import { planIds } from '../src/domain/plan-catalog.ts';
import { renewDueSubscriptions } from '../src/domain/renew.ts';
import { creditExpiryJobName, renewalJobName } from '../src/jobs/billing-jobs.ts';
import { billing } from '../src/index.ts';

/**
 * Two billing instances on one database, as two replicas run, each working the scheduled
 * jobs; an operator's queue sends extra runs to both at once instead of waiting for the cron.
 */
let database: TestDatabase;
let instances: SubgraphHarness[] = [];
let operator: JobQueue;
let db: Kysely<Database>;

beforeAll(async () => {
  database = await createTestDatabase();
  instances = await Promise.all([startSubgraphHarness(billing, database), startSubgraphHarness(billing, database)]);
  operator = await startJobQueue({ databaseUrl: database.urlFor('billing'), schema: 'billing', jobs: [], logger: createLogger('jobs', 'silent') });
  db = createKysely<Database>({ url: database.urlFor('billing'), maxConnections: 4 });
});
afterAll(async () => {
  await operator?.stop();
  await Promise.all(instances.map((instance) => instance.stop()));
  await db?.destroy();
  await database?.drop();
});

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/** Sends `runs` jobs at once under distinct keys, and waits until the queue has completed them all. */
async function runJob(name: string, runs: number): Promise<void> {
  const ids = await Promise.all(Array.from({ length: runs }, (_, n) => operator.send(name, {}, { singletonKey: `${name}-${crypto.randomUUID()}-${n}` })));
  await eventually(async () => {
    const done = await sql<{ n: number }>`select count(*)::int as n from billing.job where id = any(${ids}::uuid[]) and state = 'completed'`.execute(db);
    return done.rows[0]?.n === runs;
  }, 40_000);
}

async function dueSubscription(planId: string, paymentMethod: string, cancel = false) {
  return db
    .insertInto('subscriptions')
    .values({ user_id: crypto.randomUUID(), plan_id: planId, status: 'active', current_period_start: minutesAgo(60 * 24 * 30), current_period_end: minutesAgo(5), provider: 'builtin', payment_method: paymentMethod, cancel_at_period_end: cancel })
    .returningAll()
    .executeTakeFirstOrThrow();
}

describe('the renewal job', () => {
  it('renews each due subscription once however many instances run it at once: one charge, one invoice, one grant of the period’s credits', async () => {
    const paid = await Promise.all(Array.from({ length: 6 }, () => dueSubscription(planIds.pro, 'pm_card_visa')));
    const declined = await dueSubscription(planIds.pro, 'pm_card_chargeDeclined');
    const ending = await dueSubscription(planIds.pro, 'pm_card_visa', true);

    await runJob(renewalJobName, 4);

    for (const subscription of paid) {
      const after = await db.selectFrom('subscriptions').selectAll().where('id', '=', subscription.id).executeTakeFirstOrThrow();
      expect(after).toMatchObject({ status: 'active', current_period_start: subscription.current_period_end });
      expect(after.current_period_end.getTime()).toBeGreaterThan(Date.now());
      const payments = await db.selectFrom('payments').select(['kind', 'status', 'amount_cents']).where('user_id', '=', subscription.user_id).execute();
      expect(payments).toEqual([{ kind: 'renewal', status: 'paid', amount_cents: 1900 }]);
      const invoices = await db.selectFrom('invoices').select(['total_cents', 'period_start']).where('user_id', '=', subscription.user_id).execute();
      expect(invoices).toEqual([{ total_cents: 1900, period_start: subscription.current_period_end }]);
      const ledger = await db.selectFrom('credit_ledger').select(['amount', 'reason', 'expires_at']).where('user_id', '=', subscription.user_id).execute();
      expect(ledger).toEqual([{ amount: 500, reason: 'plan_grant', expires_at: after.current_period_end }]);
    }
    // The declined card: past due, PaymentFailed in the outbox with the change, nothing granted.
    expect(await db.selectFrom('subscriptions').select('status').where('id', '=', declined.id).executeTakeFirstOrThrow()).toEqual({ status: 'past_due' });
    const failed = await db.selectFrom('outbox').select('envelope').where('type', '=', PaymentFailed.type).where(sql<boolean>`envelope -> 'data' ->> 'subscriptionId' = ${declined.id}`).execute();
    expect(failed).toHaveLength(1);
    expect(await db.selectFrom('credit_ledger').select('id').where('user_id', '=', declined.user_id).execute()).toEqual([]);
    // Canceled at period end: ended, never charged.
    expect(await db.selectFrom('subscriptions').select('status').where('id', '=', ending.id).executeTakeFirstOrThrow()).toEqual({ status: 'canceled' });
    expect(await db.selectFrom('payments').select('id').where('user_id', '=', ending.user_id).execute()).toEqual([]);

    // Run again: nothing is due any more, nothing changes.
    await runJob(renewalJobName, 2);
    const charges = await db.selectFrom('payments').select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', 'renewal').executeTakeFirstOrThrow();
    expect(Number(charges.n)).toBe(7);
  });

  it('leaves a subscription whose renewal waits for the provider’s webhook out, so such ones cannot starve the rest', async () => {
    const waiting = await dueSubscription(planIds.pro, 'pm_card_visa');
    await db.updateTable('subscriptions').set({ current_period_end: minutesAgo(10) }).where('id', '=', waiting.id).execute();
    await db
      .insertInto('payments')
      .values({ user_id: waiting.user_id, company_id: null, kind: 'renewal', amount_cents: 1900, currency: 'USD', status: 'pending', provider: 'stripe', idempotency_key: `renewal:${waiting.id}:x`, request_hash: 'x', purpose: JSON.stringify({ kind: 'renewal', subscriptionId: waiting.id, periodStart: minutesAgo(10).toISOString() }) })
      .execute();
    const next = await dueSubscription(planIds.pro, 'pm_card_visa');
    // One at a time: the oldest due one waits for its webhook, so the batch takes the next.
    expect(await renewDueSubscriptions(db, createBuiltinProvider(), new Date(), 1)).toMatchObject({ renewed: 1 });
    expect(await db.selectFrom('subscriptions').select(['id', 'status']).where('id', 'in', [waiting.id, next.id]).orderBy('current_period_end').execute()).toEqual([
      { id: waiting.id, status: 'active' },
      { id: next.id, status: 'active' },
    ]);
    expect((await db.selectFrom('subscriptions').select('current_period_end').where('id', '=', next.id).executeTakeFirstOrThrow()).current_period_end.getTime()).toBeGreaterThan(Date.now());
    expect((await db.selectFrom('subscriptions').select('current_period_end').where('id', '=', waiting.id).executeTakeFirstOrThrow()).current_period_end.getTime()).toBeLessThan(Date.now());
  });

  it('is scheduled by every instance under one cron entry', async () => {
    const schedules = await sql<{ name: string; cron: string }>`select name, cron from billing.schedule order by name`.execute(db);
    expect(schedules.rows).toEqual([
      { name: creditExpiryJobName, cron: '3 * * * *' },
      { name: renewalJobName, cron: '*/10 * * * *' },
    ]);
  });
});

describe('the credit expiry job', () => {
  it('lapses what is left of an expired grant once, spends expiring credits first, and never takes the balance below zero', async () => {
    const userId = crypto.randomUUID();
    const spender = crypto.randomUUID();
    await db.transaction().execute(async (trx) => {
      await appendCreditEntry(trx, { userId, amount: 200, reason: 'purchase', reference: `payment:${crypto.randomUUID()}` });
      await appendCreditEntry(trx, { userId, amount: 100, reason: 'plan_grant', reference: `grant:${userId}`, expiresAt: minutesAgo(1) });
      await appendCreditEntry(trx, { userId, amount: -30, reason: 'ai_generation', reference: `usage:${crypto.randomUUID()}` });
      // Spent everything: the grant lapses with nothing left to take.
      await appendCreditEntry(trx, { userId: spender, amount: 50, reason: 'plan_grant', reference: `grant:${spender}`, expiresAt: minutesAgo(1) });
      await appendCreditEntry(trx, { userId: spender, amount: -50, reason: 'ai_generation', reference: `usage:${crypto.randomUUID()}` });
    });

    await runJob(creditExpiryJobName, 3);

    const ledger = await db.selectFrom('credit_ledger').select(['amount', 'reason', 'balance_after']).where('user_id', '=', userId).orderBy('seq').execute();
    expect(ledger.at(-1)).toEqual({ amount: -70, reason: 'expiry', balance_after: 200 });
    expect(ledger.filter((entry) => entry.reason === 'expiry')).toHaveLength(1);
    expect(await db.selectFrom('credit_ledger').select('reason').where('user_id', '=', spender).where('reason', '=', 'expiry').execute()).toEqual([]);
    const expired = await db.selectFrom('outbox').select('envelope').where('type', '=', CreditsExpired.type).where('key', '=', userId).execute();
    expect(expired.map((row) => (row.envelope as { data: unknown }).data)).toEqual([expect.objectContaining({ userId, amount: 70, balance: 200 })]);
    expect(await db.selectFrom('credit_grant_expiries').select(['user_id', 'lapsed']).where('user_id', 'in', [userId, spender]).orderBy('lapsed').execute()).toEqual([
      { user_id: spender, lapsed: 0 },
      { user_id: userId, lapsed: 70 },
    ]);
  });

  it('ends job posts bought 30 days ago: the company’s open-listing allowance goes back to its plan’s plus what still runs', async () => {
    const companyId = crypto.randomUUID();
    const buyer = crypto.randomUUID();
    await db
      .insertInto('subscriptions')
      .values({ user_id: buyer, company_id: companyId, plan_id: planIds.employer, status: 'active', current_period_start: minutesAgo(60), current_period_end: new Date(Date.now() + 86_400_000), provider: 'builtin', payment_method: 'pm_card_visa' })
      .execute();
    const bought = async (quantity: number, startsMinutesAgo: number, endsMinutesAgo: number) => {
      const payment = await db
        .insertInto('payments')
        .values({ user_id: buyer, company_id: companyId, kind: 'job_post', amount_cents: 4900 * quantity, currency: 'USD', status: 'paid', paid_at: minutesAgo(startsMinutesAgo), provider: 'builtin', idempotency_key: `posts-${crypto.randomUUID()}`, request_hash: 'x', purpose: JSON.stringify({ kind: 'job_post', companyId, quantity }) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return db
        .insertInto('purchases')
        .values({ payment_id: payment.id, company_id: companyId, user_id: buyer, kind: 'job_post', quantity, amount_cents: 4900 * quantity, currency: 'USD', starts_at: minutesAgo(startsMinutesAgo), ends_at: minutesAgo(endsMinutesAgo) })
        .returning('id')
        .executeTakeFirstOrThrow();
    };
    const ended = await bought(2, 60 * 24 * 30, 1);
    const running = await bought(1, 60, -60 * 24);

    await runJob(creditExpiryJobName, 2);

    const lapsed = await db.selectFrom('purchases').select(['id', 'lapsed_at']).where('company_id', '=', companyId).execute();
    expect(lapsed.find((row) => row.id === ended.id)?.lapsed_at).toBeInstanceOf(Date);
    expect(lapsed.find((row) => row.id === running.id)?.lapsed_at).toBeNull();
    const announced = await db.selectFrom('outbox').select('envelope').where('type', '=', EntitlementsChanged.type).where('key', '=', companyId).execute();
    expect(announced.map((row) => (row.envelope as { data: { limits: { activeListings: number } } }).data.limits.activeListings)).toEqual([11]);
  });
});
