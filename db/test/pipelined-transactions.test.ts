import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely, statementHint } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';

let database: TestDatabase;
let db: Kysely<unknown>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createKysely<unknown>({ url: database.adminUrl, maxConnections: 2 });
  await sql`create table if not exists begin_probe (n int primary key)`.execute(db);
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

const rows = async () => (await sql<{ n: number }>`select n from begin_probe order by n`.execute(db)).rows.map((row) => row.n);
/** Answers whether the statement ran inside a transaction block, and its transaction id. */
const inTransaction = async (trx: Kysely<unknown>) =>
  (await sql<{ xid: string; now: Date; clock: Date }>`select pg_current_xact_id()::text as xid, now(), clock_timestamp() as clock`.execute(trx)).rows[0];

describe('a transaction whose BEGIN goes out with its first statement', () => {
  it('runs every statement in one transaction, and a rollback undoes the first one too', async () => {
    await sql`truncate begin_probe`.execute(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`insert into begin_probe values (1)`.execute(trx);
        const first = await inTransaction(trx);
        await new Promise((resolve) => setTimeout(resolve, 5));
        const second = await inTransaction(trx);
        expect(second?.xid).toBe(first?.xid);
        // now() is the transaction's start: the same for both statements inside one.
        expect(second?.now.getTime()).toBe(first?.now.getTime());
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await rows()).toEqual([]);
  });

  it('commits what the transaction wrote, and a failing statement rolls back the ones before it', async () => {
    await sql`truncate begin_probe`.execute(db);
    await db.transaction().execute(async (trx) => void (await sql`insert into begin_probe values (1), (2)`.execute(trx)));
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`insert into begin_probe values (3)`.execute(trx);
        await sql`insert into begin_probe values (1)`.execute(trx);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await rows()).toEqual([1, 2]);
  });

  it('keeps the isolation level asked for, and an empty transaction leaves the connection usable', async () => {
    await db.transaction().execute(async () => {});
    const level = await db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(async (trx) => (await sql<{ level: string }>`select current_setting('transaction_isolation') as level`.execute(trx)).rows[0]?.level);
    expect(level).toBe('serializable');
    const outside = await sql<{ level: string }>`select current_setting('transaction_isolation') as level`.execute(db);
    expect(outside.rows[0]?.level).toBe('read committed');
  });

  it('sends BEGIN only with the first statement, so a transaction costs one round trip less', async () => {
    const one = createKysely<unknown>({ url: database.adminUrl, maxConnections: 1 });
    const state = async (pid: number) => (await sql<{ state: string }>`select state from pg_stat_activity where pid = ${pid}`.execute(db)).rows[0]?.state;
    try {
      const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(one)).rows[0]?.pid ?? 0;
      const seen = await one.transaction().execute(async (trx) => {
        const before = await state(pid);
        await sql`insert into begin_probe values (100)`.execute(trx);
        return { before, after: await state(pid) };
      });
      // Kysely has begun the transaction, yet the server has not heard BEGIN until the INSERT went with it.
      expect(seen).toEqual({ before: 'idle', after: 'idle in transaction' });
    } finally {
      await one.destroy();
      await sql`delete from begin_probe where n = 100`.execute(db);
    }
  });
});

const withNext = sql.raw(statementHint('with-next'));
const preparedWithNext = sql.raw(statementHint('prepared', 'with-next'));

describe('a with-next statement (an outbox append) goes out with the statement after it', () => {
  it('commits with the COMMIT, in the same round trip: a slow one is waited for at the COMMIT, not before', async () => {
    await sql`truncate begin_probe`.execute(db);
    const times = await db.transaction().execute(async (trx) => {
      await sql`insert into begin_probe values (1)`.execute(trx);
      const started = performance.now();
      await sql`${withNext}select pg_sleep(0.3), n from begin_probe`.execute(trx);
      return { held: performance.now() - started, committing: performance.now() };
    });
    expect(times.held).toBeLessThan(250);
    expect(performance.now() - times.committing).toBeGreaterThanOrEqual(290);
    expect(await rows()).toEqual([1]);
  });

  it('a failing one fails the COMMIT with its own error, and nothing of the transaction is kept', async () => {
    await sql`truncate begin_probe`.execute(db);
    await sql`insert into begin_probe values (7)`.execute(db);
    const failed = db.transaction().execute(async (trx) => {
      await sql`insert into begin_probe values (1)`.execute(trx);
      // The change's event row: a duplicate key here, a broken outbox row in a mutation.
      await sql`${preparedWithNext}insert into begin_probe values (${7})`.execute(trx);
      return 'the caller believes it committed';
    });
    await expect(failed).rejects.toMatchObject({ code: '23505', message: expect.stringMatching(/duplicate key/) });
    expect(await rows()).toEqual([7]);
    // The connection is clean afterwards: the next transaction commits.
    await db.transaction().execute(async (trx) => void (await sql`${withNext}insert into begin_probe values (8)`.execute(trx)));
    expect(await rows()).toEqual([7, 8]);
  });

  it('a failing one fails the next statement with its own error, not with "transaction is aborted"', async () => {
    await sql`truncate begin_probe`.execute(db);
    await sql`insert into begin_probe values (7)`.execute(db);
    let reached = false;
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`${withNext}insert into begin_probe values (7)`.execute(trx);
        await sql`insert into begin_probe values (9)`.execute(trx);
        reached = true;
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(reached).toBe(false);
    expect(await rows()).toEqual([7]);
  });

  it('is seen by the statements after it in its transaction, in order, even as the first statement', async () => {
    await sql`truncate begin_probe`.execute(db);
    const seen = await db.transaction().execute(async (trx) => {
      await sql`${withNext}insert into begin_probe values (1)`.execute(trx);
      await sql`${withNext}insert into begin_probe values (2)`.execute(trx);
      return (await sql<{ n: number }>`select n from begin_probe order by n`.execute(trx)).rows.map((row) => row.n);
    });
    expect(seen).toEqual([1, 2]);
    // BEGIN and a with-next statement alone, then COMMIT: all three in one write.
    await db.transaction().execute(async (trx) => void (await sql`${withNext}insert into begin_probe values (3)`.execute(trx)));
    expect(await rows()).toEqual([1, 2, 3]);
  });

  it('a rollback drops it, and outside a transaction it runs at once', async () => {
    await sql`truncate begin_probe`.execute(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`insert into begin_probe values (1)`.execute(trx);
        await sql`${withNext}insert into begin_probe values (2)`.execute(trx);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await rows()).toEqual([]);
    await sql`${withNext}insert into begin_probe values (5)`.execute(db);
    expect(await rows()).toEqual([5]);
  });
});

describe('a prepared statement', () => {
  it('is parsed once per connection and answers like any other', async () => {
    const one = createKysely<unknown>({ url: database.adminUrl, maxConnections: 1 });
    const hint = sql.raw(statementHint('prepared'));
    try {
      const answers = [];
      for (const n of [1, 2, 3]) answers.push((await sql<{ n: number }>`${hint}select ${n}::int + 1 as n`.execute(one)).rows[0]?.n);
      expect(answers).toEqual([2, 3, 4]);
      const prepared = await sql<{ name: string; calls: number }>`select name, generic_plans + custom_plans as calls from pg_prepared_statements where statement like '/*jobgraph:prepared*/ select%'`.execute(one);
      expect(prepared.rows).toEqual([{ name: expect.stringMatching(/^jobgraph_/), calls: 3 }]);
    } finally {
      await one.destroy();
    }
  });
});
