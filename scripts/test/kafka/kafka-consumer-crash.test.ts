import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { createCloudEvent, createKafkaTransport, createLogger, defineEvent, type EventTransport } from '@jobgraph/kit';
import { eventually, scratchEventSchema } from '@jobgraph/kit/testing';
import { kafkaBrokers } from '../../src/testing/kafka-brokers.ts';

const fixture = fileURLToPath(new URL('./fixtures/counting-consumer.ts', import.meta.url));
const topic = `test.crash.${Date.now()}.v1`;
const counted = defineEvent<{ n: number }>()('jobgraph.test.counter.counted.v1', { domain: 'test', topic });
const logger = createLogger('test', 'silent');

let database: TestDatabase;
let transport: EventTransport;
beforeAll(async () => {
  database = await createTestDatabase();
  transport = createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'crash-test', logger });
  await transport.ensureTopics([topic, `${topic}.dead-letter`]);
});
afterAll(async () => {
  await transport?.close();
  await database?.drop();
});

interface Consumer {
  readonly child: ChildProcess;
  /** Resolves when the consumer says it is inside a batch transaction (with KILL_AT). */
  readonly midBatch: Promise<void>;
}

function startConsumer(url: string, env: Record<string, string> = {}): Promise<Consumer> {
  const child = spawn(process.execPath, [fixture], {
    env: { ...process.env, DATABASE_URL: url, KAFKA_BROKERS: kafkaBrokers().join(','), GROUP_ID: `jobgraph.crash.${topic}`, TOPIC: topic, MAX_BATCH_SIZE: '100', NODE_NO_WARNINGS: '1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let midBatch: () => void = () => {};
  const seen = new Promise<void>((resolve) => (midBatch = resolve));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (text.includes('mid-batch')) midBatch();
      if (text.includes('ready')) resolve({ child, midBatch: seen });
    });
    child.once('exit', (code) => reject(new Error(`consumer exited early with ${code}`)));
  });
}

describe('a consumer killed in the middle of a batch (real Kafka)', () => {
  it('has every effect exactly once after it is restarted: the open batch left nothing, the committed ones are not repeated', async () => {
    const scratch = await scratchEventSchema(database);
    const total = 2000;
    await transport.publish(
      Array.from({ length: total }, (_, n) => {
        const event = createCloudEvent(counted, `key-${n % 8}`, { n });
        return { topic, key: event.subject, value: JSON.stringify(event), headers: {} };
      }),
    );
    const effects = async () => (await sql<{ n: number }>`select count(*)::int as n from effects`.execute(scratch.db)).rows[0]?.n ?? 0;

    // Event 1900 is at least the 238th of its partition, so batches of 100 before it have committed; the consumer dies holding it.
    const first = await startConsumer(scratch.url, { KILL_AT: '1900' });
    await first.midBatch;
    const inFlight = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where state = 'idle in transaction' and datname = current_database()`.execute(scratch.db);
    expect(inFlight.rows[0]?.n).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const atKill = await eventually(async () => {
      // The killed connection's transaction is rolled back once Postgres notices the socket is gone.
      const open = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where state like 'idle in transaction%' and datname = current_database() and application_name = 'jobgraph'`.execute(scratch.db);
      return open.rows[0]?.n === 0 ? effects() : null;
    });
    expect(atKill).toBeLessThan(total);
    expect(atKill).toBeGreaterThan(0);
    expect(await scratch.db.selectFrom('effects').select('seq').where('seq', '=', 1900).execute()).toEqual([]);

    const second = await startConsumer(scratch.url);
    try {
      await eventually(async () => (await effects()) >= total, 90_000);
      // Give a redelivery that would double an effect the time to show.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const rows = await scratch.db.selectFrom('effects').select(['seq']).execute();
      expect(rows).toHaveLength(total);
      expect(new Set(rows.map((row) => row.seq)).size).toBe(total);
      expect((await sql<{ n: number }>`select count(*)::int as n from inbox`.execute(scratch.db)).rows[0]?.n).toBe(total);
    } finally {
      second.child.kill('SIGTERM');
      await scratch.drop();
    }
  }, 240_000);
});
