import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { startSubgraphHarness, userPrincipal, type SubgraphHarness } from '@jobgraph/kit/testing';
import type { Database } from '../src/db/types.ts';
import { appendCreditEntry, type CreditEntryRequest } from '../src/domain/credit-ledger.ts';
import { billing } from '../src/index.ts';

let database: TestDatabase;
let harness: SubgraphHarness;
let db: Kysely<Database>;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startSubgraphHarness(billing, database);
  db = createKysely<Database>({ url: database.urlFor('billing'), maxConnections: 8 });
});
afterAll(async () => {
  await harness?.stop();
  await db?.destroy();
  await database?.drop();
});

const append = (request: CreditEntryRequest) => db.transaction().execute((trx) => appendCreditEntry(trx, request));
const grant = (userId: string, amount: number, reference = crypto.randomUUID()) => append({ userId, amount, reason: 'plan_grant', reference });
const spend = (userId: string, amount: number, reference = crypto.randomUUID()) => append({ userId, amount: -amount, reason: 'ai_generation', reference });
const balanceOf = async (userId: string) =>
  (await db.selectFrom('credit_ledger').select('balance_after').where('user_id', '=', userId).orderBy('seq', 'desc').limit(1).executeTakeFirst())?.balance_after ?? 0;

const creditsQuery = `query ($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on User {
  credits { balance ledger(first: $first, after: $after) { edges { cursor node { id amount reason balanceAfter createdAt } } pageInfo { hasNextPage hasPreviousPage endCursor } } }
} } }`;

interface Credits {
  balance: number;
  ledger: {
    edges: { cursor: string; node: { id: string; amount: number; reason: string; balanceAfter: number; createdAt: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  };
}

function creditsOf(userId: string, page: { first?: number; after?: string } = {}, asUserId = userId) {
  return harness.request<{ _entities: { credits: Credits }[] }>(creditsQuery, { r: [{ __typename: 'User', id: userId }], ...page }, userPrincipal(asUserId));
}

describe('the credit ledger', () => {
  it('keeps a running balance: grants add, debits subtract', async () => {
    const userId = crypto.randomUUID();
    expect(await grant(userId, 10)).toMatchObject({ kind: 'appended', entry: { amount: 10, balance_after: 10 } });
    expect(await spend(userId, 3)).toMatchObject({ kind: 'appended', entry: { amount: -3, balance_after: 7 } });
    expect(await balanceOf(userId)).toBe(7);
  });

  it('refuses a debit larger than the balance and writes nothing', async () => {
    const userId = crypto.randomUUID();
    await grant(userId, 2);
    expect(await spend(userId, 3)).toEqual({ kind: 'insufficient', balance: 2 });
    expect(await db.selectFrom('credit_ledger').select('id').where('user_id', '=', userId).execute()).toHaveLength(1);
  });

  it('appends once per reason and reference', async () => {
    const userId = crypto.randomUUID();
    const first = await grant(userId, 5, `period:${userId}`);
    const second = await grant(userId, 5, `period:${userId}`);
    expect(second).toEqual({ kind: 'duplicate', entry: first.kind === 'appended' ? first.entry : null });
    expect(await balanceOf(userId)).toBe(5);
  });

  it('never goes below zero, even with many debits at once', async () => {
    const userId = crypto.randomUUID();
    await grant(userId, 10);
    const outcomes = await Promise.all(Array.from({ length: 25 }, () => spend(userId, 1)));
    expect(outcomes.filter((o) => o.kind === 'appended')).toHaveLength(10);
    expect(outcomes.filter((o) => o.kind === 'insufficient')).toHaveLength(15);
    const entries = await db.selectFrom('credit_ledger').select(['amount', 'balance_after']).where('user_id', '=', userId).orderBy('seq').execute();
    // Each entry's balance follows from the one before it.
    entries.reduce((balance, entry) => {
      expect(entry.balance_after).toBe(balance + entry.amount);
      return entry.balance_after;
    }, 0);
    expect(await balanceOf(userId)).toBe(0);
  });

  it('is guarded by the table too: no negative balance, no zero amount, no unknown reason, no updates', async () => {
    const userId = crypto.randomUUID();
    const row = { user_id: userId, reference: crypto.randomUUID() };
    await expect(db.insertInto('credit_ledger').values({ ...row, amount: -1, reason: 'ai_generation', balance_after: -1 }).execute()).rejects.toThrow(/balance_after/);
    await expect(db.insertInto('credit_ledger').values({ ...row, amount: 0, reason: 'adjustment', balance_after: 0 }).execute()).rejects.toThrow(/amount/);
    await expect(db.insertInto('credit_ledger').values({ ...row, amount: 1, reason: 'gift' as never, balance_after: 1 }).execute()).rejects.toThrow(/reason/);
    await expect(db.insertInto('credit_ledger').values({ ...row, amount: -1, reason: 'plan_grant', balance_after: 0 }).execute()).rejects.toThrow(/credit_ledger_grant_is_positive/);
    const appended = await grant(userId, 4);
    if (appended.kind !== 'appended') throw new Error('grant failed');
    await expect(db.updateTable('credit_ledger').set({ balance_after: 400 }).where('id', '=', appended.entry.id).execute()).rejects.toThrow(/append-only/);
  });
});

describe('User.credits', () => {
  it('is a zero balance and an empty ledger for a user without entries', async () => {
    const userId = crypto.randomUUID();
    const result = await creditsOf(userId);
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities[0]?.credits).toEqual({ balance: 0, ledger: { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, endCursor: null } } });
  });

  it('pages through the ledger newest first', async () => {
    const userId = crypto.randomUUID();
    await grant(userId, 20);
    await spend(userId, 1);
    await spend(userId, 2);
    await append({ userId, amount: 5, reason: 'adjustment', reference: crypto.randomUUID() });

    const first = await creditsOf(userId, { first: 3 });
    const page = first.data?._entities[0]?.credits;
    expect(page?.balance).toBe(22);
    expect(page?.ledger.edges.map((e) => [e.node.reason, e.node.amount, e.node.balanceAfter])).toEqual([
      ['ADJUSTMENT', 5, 22],
      ['AI_GENERATION', -2, 17],
      ['AI_GENERATION', -1, 19],
    ]);
    expect(page?.ledger.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

    const rest = await creditsOf(userId, { first: 3, after: page?.ledger.pageInfo.endCursor ?? '' });
    expect(rest.data?._entities[0]?.credits.ledger.edges.map((e) => [e.node.reason, e.node.amount, e.node.balanceAfter])).toEqual([['PLAN_GRANT', 20, 20]]);
    expect(rest.data?._entities[0]?.credits.ledger.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('reads the balance and the ledger page in one statement each', async () => {
    const userId = crypto.randomUUID();
    await grant(userId, 3);
    harness.resetQueries();
    await creditsOf(userId);
    expect(harness.queries.filter((q) => q.query.sql.includes('"credit_ledger"'))).toHaveLength(2);
  });

  it('refuses a cursor it did not issue and a page larger than 100', async () => {
    const userId = crypto.randomUUID();
    const bad = await creditsOf(userId, { after: Buffer.from('c1:["x","y"]').toString('base64url') });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const big = await creditsOf(userId, { first: 101 });
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is FORBIDDEN to another user and UNAUTHENTICATED to an anonymous caller', async () => {
    const owner = crypto.randomUUID();
    await grant(owner, 9);
    const stranger = await creditsOf(owner, {}, crypto.randomUUID());
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(stranger.data)).not.toContain('9');
    const anonymous = await harness.request(creditsQuery, { r: [{ __typename: 'User', id: owner }] });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
