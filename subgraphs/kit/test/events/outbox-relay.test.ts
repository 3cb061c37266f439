import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { appendToOutbox, createInProcessTransport, createOutboxRelay, defineEvent, pendingEvent, type DeliveredMessage } from '../../src/events.ts';
import { createLogger } from '../../src/logger.ts';
import { scratchEventSchema } from '../../src/testing/scratch-event-schema.ts';

const counted = defineEvent<{ n: number }>()('jobgraph.test.counter.counted.v1', { domain: 'test', topic: 'test.counter.v1' });
const logger = createLogger('test', 'silent');

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

async function recorder() {
  const transport = createInProcessTransport(logger);
  await transport.ensureTopics([counted.topic]);
  const received: DeliveredMessage[] = [];
  await transport.subscribe({ groupId: 'recorder', topics: [counted.topic], handle: async (message) => void received.push(message) });
  return { transport, received };
}

describe('the outbox relay', () => {
  it('publishes committed events with their key and a CloudEvents envelope, and marks them published', async () => {
    const scratch = await scratchEventSchema(database);
    const { transport, received } = await recorder();
    await scratch.db.transaction().execute((trx) => appendToOutbox(trx, [pendingEvent(counted, 'a', { n: 1 })]));
    const relay = createOutboxRelay({ db: scratch.db, listenUrl: scratch.url, transport, logger });
    expect(await relay.flush()).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message?.key).toBe('a');
    expect(message?.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
    expect(JSON.parse(message?.value ?? '{}')).toMatchObject({ specversion: '1.0', type: counted.type, subject: 'a', source: '/jobgraph/test', data: { n: 1 } });
    const unpublished = await scratch.db.selectFrom('outbox').select('id').where('published_at', 'is', null).execute();
    expect(unpublished).toEqual([]);
    await scratch.drop();
  });

  it('publishes nothing for a transaction that rolled back', async () => {
    const scratch = await scratchEventSchema(database);
    const { transport, received } = await recorder();
    await expect(
      scratch.db.transaction().execute(async (trx) => {
        await appendToOutbox(trx, [pendingEvent(counted, 'a', { n: 1 })]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const relay = createOutboxRelay({ db: scratch.db, listenUrl: scratch.url, transport, logger });
    expect(await relay.flush()).toBe(0);
    expect(received).toEqual([]);
    await scratch.drop();
  });

  it('keeps neither the change nor its event when the outbox append fails (it goes out with the COMMIT)', async () => {
    const scratch = await scratchEventSchema(database);
    const { transport, received } = await recorder();
    // An outbox row the table refuses: the append fails on the server, after the caller went on to COMMIT.
    await sql`alter table outbox add constraint no_poison check (key <> 'poison')`.execute(scratch.db);
    const mutation = (key: string, n: number) =>
      scratch.db.transaction().execute(async (trx) => {
        await trx.insertInto('effects').values({ subject: key, seq: n }).execute();
        await appendToOutbox(trx, [pendingEvent(counted, key, { n })]);
        return n;
      });
    await expect(mutation('poison', 1)).rejects.toMatchObject({ code: '23514', message: expect.stringMatching(/no_poison/) });
    expect(await scratch.db.selectFrom('effects').select('seq').execute()).toEqual([]);
    expect(await scratch.db.selectFrom('outbox').select('key').execute()).toEqual([]);
    // The pool's connections are clean afterwards; a good mutation commits both, several events, the key in commit order.
    expect(await mutation('b', 2)).toBe(2);
    await scratch.db.transaction().execute((trx) => appendToOutbox(trx, [3, 4, 5].map((n) => pendingEvent(counted, 'b', { n }))));
    const relay = createOutboxRelay({ db: scratch.db, listenUrl: scratch.url, transport, logger });
    expect(await relay.flush()).toBe(4);
    await new Promise((resolve) => setImmediate(resolve));
    expect(received.map((message) => (JSON.parse(message.value) as { data: { n: number } }).data.n)).toEqual([2, 3, 4, 5]);
    expect(await scratch.db.selectFrom('effects').select('seq').execute()).toEqual([{ seq: 2 }]);
    await scratch.drop();
  });

  it('never publishes a row twice, and keeps each key in commit order, with two relays racing', async () => {
    const scratch = await scratchEventSchema(database);
    const { transport, received } = await recorder();
    const keys = Array.from({ length: 12 }, (_, i) => `key-${i}`);
    for (let round = 0; round < 40; round += 1) {
      await scratch.db.transaction().execute((trx) => appendToOutbox(trx, keys.map((key) => pendingEvent(counted, key, { n: round }))));
    }
    const relays = [1, 2].map(() => createOutboxRelay({ db: scratch.db, listenUrl: scratch.url, transport, logger, batchSize: 25 }));
    const published = await Promise.all(relays.map((relay) => relay.flush()));
    expect(published[0]! + published[1]!).toBe(480);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const ids = received.map((m) => (JSON.parse(m.value) as { id: string }).id);
    expect(new Set(ids).size).toBe(480);
    for (const key of keys) {
      const rounds = received.filter((m) => m.key === key).map((m) => (JSON.parse(m.value) as { data: { n: number } }).data.n);
      expect(rounds).toEqual(Array.from({ length: 40 }, (_, i) => i));
    }
    await scratch.drop();
  });

  it('publishes in lanes by key: a backlog whose oldest rows are all one key leaves whole, each key in commit order, without waiting for a poll', async () => {
    const scratch = await scratchEventSchema(database);
    const { transport, received } = await recorder();
    const others = Array.from({ length: 12 }, (_, i) => `key-${i}`);
    await scratch.db.transaction().execute((trx) => appendToOutbox(trx, Array.from({ length: 100 }, (_, n) => pendingEvent(counted, 'hot', { n }))));
    for (let round = 0; round < 10; round += 1) {
      await scratch.db.transaction().execute((trx) => appendToOutbox(trx, others.map((key) => pendingEvent(counted, key, { n: round }))));
    }
    // A lane that found only the other lane's rows among the oldest is woken when they go, not by the 60 s poll.
    const relay = createOutboxRelay({ db: scratch.db, listenUrl: scratch.url, transport, logger, batchSize: 10, lanes: 2, pollMs: 60_000 });
    await relay.start();
    const started = performance.now();
    while (received.length < 220 && performance.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 10));
    await relay.stop();
    expect(received).toHaveLength(220);
    const rounds = (key: string) => received.filter((m) => m.key === key).map((m) => (JSON.parse(m.value) as { data: { n: number } }).data.n);
    expect(rounds('hot')).toEqual(Array.from({ length: 100 }, (_, n) => n));
    for (const key of others) expect(rounds(key)).toEqual(Array.from({ length: 10 }, (_, n) => n));
    await scratch.drop();
  });

  it('wakes on NOTIFY instead of waiting for the next poll', async () => {
    const scratch = await scratchEventSchema(database);
    const { transport, received } = await recorder();
    const relay = createOutboxRelay({ db: scratch.db, listenUrl: scratch.url, transport, logger, pollMs: 60_000 });
    await relay.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    await scratch.db.transaction().execute((trx) => appendToOutbox(trx, [pendingEvent(counted, 'k', { n: 7 })]));
    while (received.length === 0 && performance.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 5));
    // Well under the 60 s poll: only the notification could have woken it.
    expect(received).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(5_000);
    await relay.stop();
    await scratch.drop();
  });
});
