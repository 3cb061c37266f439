import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createKysely, domainRolePassword, domainUrl } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { createLogger } from '../../src/logger.ts';
import { startJobQueue, type JobDefinition, type JobQueue } from '../../src/jobs/job-queue.ts';
import { eventually } from '../../src/testing/eventually.ts';

/**
 * Two instances of one subgraph, each with its own job queue on the same database and
 * schema, as two replicas would run: every job runs once, on one of them.
 */
let database: TestDatabase;
let url: string;
const logger = createLogger('jobs', 'silent');
const runs: { instance: string; n: number }[] = [];
const started: JobQueue[] = [];

const counting = (instance: string): JobDefinition => ({
  name: 'test.count',
  async run(data) {
    // Slow enough that both instances are busy at once.
    await new Promise((resolve) => setTimeout(resolve, 20));
    runs.push({ instance, n: Number(data['n']) });
  },
});

beforeAll(async () => {
  database = await createTestDatabase();
  url = domainUrl(database.adminUrl, 'billing', domainRolePassword('billing'));
});
afterAll(async () => {
  await Promise.all(started.map((queue) => queue.stop()));
  await database.drop();
});

describe('the job queue', () => {
  it('installs itself in the domain’s own schema, never in public', async () => {
    started.push(await startJobQueue({ databaseUrl: url, schema: 'billing', jobs: [counting('a')], logger, pollingIntervalSeconds: 0.5 }));
    const db = createKysely<unknown>({ url: database.adminUrl, maxConnections: 1 });
    try {
      const tables = await sql<{ schema: string }>`select distinct table_schema as schema from information_schema.tables where table_name in ('job', 'queue', 'schedule')`.execute(db);
      expect(tables.rows.map((r) => r.schema)).toEqual(['billing']);
    } finally {
      await db.destroy();
    }
  });

  it('runs each job once across two instances, and a singleton key once whichever instance sends it', async () => {
    const b = await startJobQueue({ databaseUrl: url, schema: 'billing', jobs: [counting('b')], logger, pollingIntervalSeconds: 0.5 });
    started.push(b);
    const [a] = started;
    if (!a) throw new Error('the first instance starts in the test before');
    const sent = await Promise.all(Array.from({ length: 40 }, (_, n) => (n % 2 === 0 ? a : b).send('test.count', { n })));
    expect(sent.every((id) => typeof id === 'string')).toBe(true);
    const once = await Promise.all([a.send('test.count', { n: 1000 }, { singletonKey: 'nightly-2026-11-25' }), b.send('test.count', { n: 1000 }, { singletonKey: 'nightly-2026-11-25' })]);
    expect(once.filter((id) => id !== null)).toHaveLength(1);

    await eventually(async () => runs.length >= 41, 30_000);
    // Give a duplicate every chance to show up.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(runs.map((r) => r.n).sort((x, y) => x - y)).toEqual([...Array.from({ length: 40 }, (_, n) => n), 1000]);
    expect(new Set(runs.map((r) => r.instance))).toEqual(new Set(['a', 'b']));
  });

  it('stops cleanly: no connection of the queue is left', async () => {
    await Promise.all(started.map((queue) => queue.stop()));
    const db = createKysely<unknown>({ url: database.adminUrl, maxConnections: 1 });
    try {
      await eventually(async () => {
        const left = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where application_name = 'jobgraph-billing-jobs' and datname = ${database.name}`.execute(db);
        return left.rows[0]?.n === 0;
      });
    } finally {
      await db.destroy();
    }
  });
});
