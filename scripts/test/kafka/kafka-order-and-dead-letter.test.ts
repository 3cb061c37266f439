import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import {
  appendToOutbox,
  createEventConsumer,
  createKafkaTransport,
  createLogger,
  createOutboxRelay,
  defineEvent,
  on,
  pendingEvent,
  type DeliveredMessage,
  type EventTransport,
} from '@jobgraph/kit';
import { eventually, scratchEventSchema, type ScratchDatabase } from '@jobgraph/kit/testing';
import { kafkaBrokers } from '../../src/testing/kafka-brokers.ts';

const logger = createLogger('test', 'silent');
const suffix = Date.now();

let database: TestDatabase;
let transport: EventTransport;
beforeAll(async () => {
  database = await createTestDatabase();
  transport = createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'order-test', logger, partitions: 3 });
});
afterAll(async () => {
  await transport?.close();
  await database?.drop();
});

describe('events on the real broker', () => {
  it('reach the consumer of each aggregate in the order they were committed', async () => {
    const topic = `test.order.${suffix}.v1`;
    const counted = defineEvent<{ n: number }>()('jobgraph.test.counter.counted.v1', { domain: 'test', topic });
    const scratch = await scratchEventSchema(database);
    await transport.ensureTopics([topic, `${topic}.dlq`]);
    // Interleaved commits across ten aggregates, spread over three partitions.
    for (let round = 0; round < 30; round += 1) {
      await scratch.db.transaction().execute((trx) =>
        appendToOutbox(trx, Array.from({ length: 10 }, (_, k) => pendingEvent(counted, `aggregate-${k}`, { n: round }))),
      );
    }
    const relay = createOutboxRelay({ db: scratch.db, listenUrl: scratch.url, transport, logger, batchSize: 37 });
    expect(await relay.flush()).toBe(300);

    const seen = new Map<string, number[]>();
    const consumer = createEventConsumer<ScratchDatabase>({
      db: scratch.db,
      transport,
      groupId: `order-${suffix}`,
      deadLetterTopic: `${topic}.dlq`,
      logger,
      handlers: [on(counted, async (_trx, event) => void seen.set(event.subject, [...(seen.get(event.subject) ?? []), event.data.n]))],
    });
    await consumer.start();
    try {
      await eventually(async () => [...seen.values()].reduce((sum, list) => sum + list.length, 0) >= 300, 60_000);
      for (let k = 0; k < 10; k += 1) expect(seen.get(`aggregate-${k}`)).toEqual(Array.from({ length: 30 }, (_, n) => n));
    } finally {
      await consumer.stop();
      await scratch.drop();
    }
  });

  it('moves a poison event inside a batch alone to the dead-letter topic with the error in headers, and keeps the partition moving', async () => {
    const topic = `test.poison.${suffix}.v1`;
    const dlq = `${topic}.dead-letter`;
    const counted = defineEvent<{ n: number }>()('jobgraph.test.counter.counted.v1', { domain: 'test', topic });
    const scratch = await scratchEventSchema(database);
    await transport.ensureTopics([topic, dlq]);
    await scratch.db.transaction().execute((trx) =>
      appendToOutbox(trx, Array.from({ length: 40 }, (_, i) => pendingEvent(counted, 'one-aggregate', { n: i + 1 }))),
    );
    await createOutboxRelay({ db: scratch.db, listenUrl: scratch.url, transport, logger }).flush();

    const dead: DeliveredMessage[] = [];
    const dlqReader = await transport.subscribe({ groupId: `dlq-reader-${suffix}`, topics: [dlq], handle: async (message) => void dead.push(message) });
    const batches: number[] = [];
    const consumer = createEventConsumer<ScratchDatabase>({
      db: scratch.db,
      transport: {
        ...transport,
        // Records the batches the broker hands over, to show the poison came inside one.
        subscribe: (options) => transport.subscribe({ ...options, handleBatch: async (messages) => void (batches.push(messages.length), await options.handleBatch?.(messages)) }),
      },
      groupId: `jobgraph.poison-${suffix}`,
      deadLetterTopic: dlq,
      logger,
      retry: { attempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
      handlers: [
        on(counted, async (trx, event) => {
          if (event.data.n === 20) throw new Error('event 20 is poison');
          await trx.insertInto('effects').values({ subject: event.subject, seq: event.data.n }).execute();
        }),
      ],
    });
    await consumer.start();
    try {
      await eventually(async () => (await scratch.db.selectFrom('effects').select('seq').execute()).length >= 39 && dead.length >= 1, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(Math.max(...batches)).toBeGreaterThan(20);
      expect((await scratch.db.selectFrom('effects').select('seq').orderBy('seq').execute()).map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1).filter((n) => n !== 20));
      expect(dead).toHaveLength(1);
      expect(dead[0]?.key).toBe('one-aggregate');
      expect(dead[0]?.headers).toMatchObject({
        'x-error-name': 'Error',
        'x-error-message': 'event 20 is poison',
        'x-origin-topic': topic,
        'x-consumer-group': `jobgraph.poison-${suffix}`,
        'x-attempts': '3',
        ce_type: counted.type,
      });
      expect(JSON.parse(dead[0]?.value ?? '{}')).toMatchObject({ type: counted.type, data: { n: 20 } });
    } finally {
      await consumer.stop();
      await dlqReader.stop();
      await scratch.drop();
    }
  });
});
