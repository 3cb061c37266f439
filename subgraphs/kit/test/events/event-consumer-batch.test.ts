import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely, statementHint } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { createCloudEvent, createEventConsumer, createInProcessTransport, defineEvent, on, onBatch, type CloudEvent, type DeliveredMessage } from '../../src/events.ts';
import { createLogger } from '../../src/logger.ts';
import { scratchEventSchema, type ScratchDatabase } from '../../src/testing/scratch-event-schema.ts';

const counted = defineEvent<{ n: number }>()('jobgraph.test.counter.counted.v1', { domain: 'test', topic: 'test.counter.v1' });
const noop = defineEvent<{ n: number }>()('jobgraph.test.counter.touched.v1', { domain: 'test', topic: 'test.counter.v1' });
const logger = createLogger('test', 'silent');
const fastRetry = { attempts: 2, initialDelayMs: 1, maxDelayMs: 2 };

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const asMessage = (event: CloudEvent, offset: number): DeliveredMessage => ({ topic: counted.topic, key: event.subject, value: JSON.stringify(event), headers: {}, partition: 0, offset: String(offset) });
const batchOf = (count: number) => Array.from({ length: count }, (_, n) => asMessage(createCloudEvent(counted, `key-${n % 4}`, { n }), n));

describe('an event consumer taking a batch', () => {
  it('handles the whole batch in one transaction, in partition order, one inbox row per event', async () => {
    const scratch = await scratchEventSchema(database);
    const transactions = new Set<string>();
    const consumer = createEventConsumer<ScratchDatabase>({
      db: scratch.db,
      transport: createInProcessTransport(logger),
      groupId: 'g',
      deadLetterTopic: 'test.dead-letter.v1',
      logger,
      handlers: [
        on(counted, async (trx, event) => {
          transactions.add((await sql<{ id: string }>`select txid_current()::text as id`.execute(trx)).rows[0]?.id ?? '');
          await trx.insertInto('effects').values({ subject: event.subject, seq: event.data.n }).execute();
        }),
      ],
    });
    const outcomes = await consumer.consumeBatch(batchOf(60));
    expect(outcomes).toEqual(Array.from({ length: 60 }, () => 'handled'));
    expect(transactions.size).toBe(1);
    const effects = await scratch.db.selectFrom('effects').select(['seq']).orderBy('id').execute();
    expect(effects).toHaveLength(60);
    expect(await scratch.db.selectFrom('inbox').select('event_id').execute()).toHaveLength(60);
    await scratch.drop();
  });

  it('applies an event once when it comes twice in a batch, or again after it was handled', async () => {
    const scratch = await scratchEventSchema(database);
    const consumer = createEventConsumer<ScratchDatabase>({
      db: scratch.db,
      transport: createInProcessTransport(logger),
      groupId: 'g',
      deadLetterTopic: 'test.dead-letter.v1',
      logger,
      handlers: [on(counted, async (trx, event) => void (await trx.insertInto('effects').values({ subject: event.subject, seq: event.data.n }).execute()))],
    });
    const [first, second, third] = batchOf(3) as [DeliveredMessage, DeliveredMessage, DeliveredMessage];
    expect(await consumer.consumeBatch([first, second])).toEqual(['handled', 'handled']);
    // A relay that crashed after the broker's ack publishes its batch again.
    expect(await consumer.consumeBatch([first, second, third, { ...third, offset: '9' }])).toEqual(['duplicate', 'duplicate', 'handled', 'duplicate']);
    expect((await scratch.db.selectFrom('effects').select('seq').orderBy('seq').execute()).map((r) => r.seq)).toEqual([0, 1, 2]);
    await scratch.drop();
  });

  it('sends a new batch\'s inbox rows with the handler\'s first statement (two round trips), and still applies a redelivered event once', async () => {
    const scratch = await scratchEventSchema(database);
    const sent: string[] = [];
    const db = createKysely<ScratchDatabase>({ url: scratch.url, maxConnections: 2, onQuery: (event) => void sent.push(event.query.sql.replace(/\s+/g, ' ').trim().slice(0, 40)) });
    const consumer = createEventConsumer<ScratchDatabase>({
      db,
      transport: createInProcessTransport(logger),
      groupId: 'g',
      deadLetterTopic: 'test.dead-letter.v1',
      logger,
      handlers: [
        onBatch(counted, async (trx, events) => void (await trx.insertInto('effects').values(events.map((event) => ({ subject: event.subject, seq: event.data.n }))).execute())),
        // A handler that writes nothing: the inbox rows then go out with the COMMIT.
        on(noop, async () => {}),
      ],
    });
    const [first, second, third] = batchOf(3) as [DeliveredMessage, DeliveredMessage, DeliveredMessage];
    expect(await consumer.consumeBatch([first, second])).toEqual(['handled', 'handled']);
    // BEGIN and the inbox rows go out with the handler's INSERT, then the COMMIT: two round trips.
    expect(sent).toEqual(['begin', `${statementHint('prepared', 'with-next')}insert into inbox (e`.slice(0, 40), 'insert into "effects" ("subject", "seq")', 'commit']);
    // Redelivered beside a new one: the first attempt keeps nothing, the second applies only the new event.
    expect(await consumer.consumeBatch([first, second, third])).toEqual(['duplicate', 'duplicate', 'handled']);
    expect((await scratch.db.selectFrom('effects').select('seq').orderBy('seq').execute()).map((r) => r.seq)).toEqual([0, 1, 2]);
    const quiet = [createCloudEvent(noop, 'key-0', { n: 1 }), createCloudEvent(noop, 'key-0', { n: 2 })].map(asMessage);
    expect(await consumer.consumeBatch(quiet)).toEqual(['handled', 'handled']);
    expect(await consumer.consumeBatch(quiet)).toEqual(['duplicate', 'duplicate']);
    expect(await scratch.db.selectFrom('inbox').select('event_id').execute()).toHaveLength(5);
    await db.destroy();
    await scratch.drop();
  });

  it('sends a poison event in a batch alone to the dead-letter topic; the rest of the batch takes effect once, in order', async () => {
    const scratch = await scratchEventSchema(database);
    const transport = createInProcessTransport(logger);
    await transport.ensureTopics(['test.dead-letter.v1']);
    const dead: DeliveredMessage[] = [];
    await transport.subscribe({ groupId: 'dlq-reader', topics: ['test.dead-letter.v1'], handle: async (m) => void dead.push(m) });
    const consumer = createEventConsumer<ScratchDatabase>({
      db: scratch.db,
      transport,
      groupId: 'jobgraph.test',
      deadLetterTopic: 'test.dead-letter.v1',
      logger,
      retry: fastRetry,
      handlers: [
        on(counted, async (trx, event) => {
          await trx.insertInto('effects').values({ subject: event.subject, seq: event.data.n }).execute();
          if (event.data.n === 17) throw new Error('seventeen is poison');
        }),
      ],
    });
    const messages = batchOf(40);
    const outcomes = await consumer.consumeBatch([...messages.slice(0, 20), { ...asMessage(createCloudEvent(counted, 'x', { n: 0 }), 20), value: 'not json' }, ...messages.slice(20)]);
    expect(outcomes.filter((o) => o === 'dead-lettered')).toHaveLength(2);
    expect(outcomes[17]).toBe('dead-lettered');
    expect(outcomes[20]).toBe('dead-lettered');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(dead.map((m) => m.headers['x-error-message'])).toEqual(['seventeen is poison', 'message is not a CloudEvents 1.0 JSON envelope']);
    const effects = await scratch.db.selectFrom('effects').select(['seq', 'subject']).orderBy('id').execute();
    expect(effects.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n).filter((n) => n !== 17));
    expect(await scratch.db.selectFrom('inbox').select('event_id').execute()).toHaveLength(39);
    await scratch.drop();
  });

  it('hands a set-wise handler each run of consecutive events of its type, in order, each new event once; a poison run is retried event by event', async () => {
    const scratch = await scratchEventSchema(database);
    const noted = defineEvent<{ n: number }>()('jobgraph.test.counter.noted.v1', { domain: 'test', topic: 'test.counter.v1' });
    const transport = createInProcessTransport(logger);
    await transport.ensureTopics(['test.dead-letter.v1']);
    const dead: DeliveredMessage[] = [];
    await transport.subscribe({ groupId: 'dlq-reader', topics: ['test.dead-letter.v1'], handle: async (m) => void dead.push(m) });
    const runs: string[] = [];
    const consumer = createEventConsumer<ScratchDatabase>({
      db: scratch.db,
      transport,
      groupId: 'g',
      deadLetterTopic: 'test.dead-letter.v1',
      logger,
      retry: fastRetry,
      handlers: [
        onBatch(counted, async (trx, events) => {
          runs.push(`counted ${events.map((event) => event.data.n).join(',')}`);
          if (events.some((event) => event.data.n === 66)) throw new Error('sixty-six is poison');
          await trx.insertInto('effects').values(events.map((event) => ({ subject: event.subject, seq: event.data.n }))).execute();
        }),
        on(noted, async (trx, event) => {
          runs.push(`noted ${event.data.n}`);
          await trx.insertInto('effects').values({ subject: event.subject, seq: event.data.n }).execute();
        }),
      ],
    });
    const c = (n: number) => createCloudEvent(counted, 'one-key', { n });
    const [c1, c2, c4, c5] = [c(1), c(2), c(4), c(5)];
    const events: CloudEvent[] = [c1, c2, createCloudEvent(noted, 'one-key', { n: 3 }), c4, c5, c2];
    expect(await consumer.consumeBatch(events.map(asMessage))).toEqual(['handled', 'handled', 'handled', 'handled', 'handled', 'duplicate']);
    // Order across types holds: the run before the other type's event, that event, the run after it.
    expect(runs).toEqual(['counted 1,2', 'noted 3', 'counted 4,5']);
    expect((await scratch.db.selectFrom('effects').select('seq').orderBy('id').execute()).map((r) => r.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);

    runs.length = 0;
    expect(await consumer.consumeBatch([c(7), c(66), c(8)].map(asMessage))).toEqual(['handled', 'dead-lettered', 'handled']);
    // The failed run leaves nothing; then each event alone, the poison one as many times as the retry policy allows.
    expect(runs).toEqual(['counted 7,66,8', 'counted 7', 'counted 66', 'counted 66', 'counted 8']);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(dead.map((m) => m.headers['x-error-message'])).toEqual(['sixty-six is poison']);
    expect((await scratch.db.selectFrom('effects').select('seq').execute()).map((r) => r.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 7, 8]);
    expect(await scratch.db.selectFrom('inbox').select('event_id').execute()).toHaveLength(7);
    await scratch.drop();
  });

  it('delivers a subscribed partition in batches through the in-process transport', async () => {
    const scratch = await scratchEventSchema(database);
    const transport = createInProcessTransport(logger);
    await transport.ensureTopics([counted.topic, 'test.dead-letter.v1']);
    const sizes: number[] = [];
    const consumer = createEventConsumer<ScratchDatabase>({
      db: scratch.db,
      transport,
      groupId: 'g',
      deadLetterTopic: 'test.dead-letter.v1',
      logger,
      maxBatchSize: 25,
      handlers: [on(counted, async (trx, event) => void (await trx.insertInto('effects').values({ subject: event.subject, seq: event.data.n }).execute()))],
    });
    await transport.publish(batchOf(100).map(({ topic, key, value, headers }) => ({ topic, key, value, headers })));
    await transport.subscribe({ groupId: 'sizes', topics: [counted.topic], handle: async () => {}, handleBatch: async (m) => void sizes.push(m.length), maxBatchSize: 25 });
    await consumer.start();
    for (let i = 0; i < 200 && (await scratch.db.selectFrom('effects').select('seq').execute()).length < 100; i += 1) await new Promise((r) => setTimeout(r, 10));
    await consumer.stop();
    expect(sizes).toEqual([25, 25, 25, 25]);
    const effects = await scratch.db.selectFrom('effects').select('seq').orderBy('id').execute();
    expect(effects).toHaveLength(100);
    await scratch.drop();
  });
});
