import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { appendToOutbox, createEventConsumer, createKafkaTransport, createLogger, createOutboxRelay, defineEvent, on, pendingEvent, type DeliveredMessage, type EventTransport } from '@jobgraph/kit';
import { eventually, scratchEventSchema, type ScratchDatabase } from '@jobgraph/kit/testing';
import { kafkaBrokers } from '../../src/testing/kafka-brokers.ts';

const logger = createLogger('test', 'silent');
const suffix = Date.now();
const topic = `test.republish.${suffix}.v1`;
const counted = defineEvent<{ n: number }>()('jobgraph.test.counter.counted.v1', { domain: 'test', topic });

let database: TestDatabase;
let transport: EventTransport;
beforeAll(async () => {
  database = await createTestDatabase();
  transport = createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'republish-test', logger });
  await transport.ensureTopics([topic, `${topic}.dead-letter`]);
});
afterAll(async () => {
  await transport?.close();
  await database?.drop();
});

describe('a relay that crashed after the broker acknowledged its batch (real Kafka)', () => {
  it('publishes the batch again on restart, and the consumer applies each event once', async () => {
    const scratch = await scratchEventSchema(database);
    await scratch.db.transaction().execute((trx) => appendToOutbox(trx, Array.from({ length: 30 }, (_, n) => pendingEvent(counted, `key-${n % 3}`, { n }))));

    // The broker acknowledges the batch, then the relay dies before it marks the rows published.
    const crashing: EventTransport = {
      ...transport,
      publish: async (messages) => {
        await transport.publish(messages);
        throw new Error('relay process died after the ack');
      },
    };
    await expect(createOutboxRelay({ db: scratch.db, listenUrl: scratch.url, transport: crashing, logger }).flush()).rejects.toThrow('died after the ack');
    expect(await scratch.db.selectFrom('outbox').select('id').where('published_at', 'is', null).execute()).toHaveLength(30);
    // The restarted relay finds the rows unpublished and sends them again.
    expect(await createOutboxRelay({ db: scratch.db, listenUrl: scratch.url, transport, logger }).flush()).toBe(30);

    const onBroker: DeliveredMessage[] = [];
    const reader = await transport.subscribe({ groupId: `republish-reader-${suffix}`, topics: [topic], handle: async (message) => void onBroker.push(message) });
    await eventually(async () => onBroker.length >= 60, 30_000);
    await reader.stop();
    expect(new Set(onBroker.map((message) => JSON.parse(message.value).id as string)).size).toBe(30);

    const consumer = createEventConsumer<ScratchDatabase>({
      db: scratch.db,
      transport,
      groupId: `jobgraph.republish-${suffix}`,
      deadLetterTopic: `${topic}.dead-letter`,
      logger,
      handlers: [on(counted, async (trx, event) => void (await trx.insertInto('effects').values({ subject: event.subject, seq: event.data.n }).execute()))],
    });
    await consumer.start();
    try {
      await eventually(async () => (await scratch.db.selectFrom('effects').select('seq').execute()).length >= 30, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const effects = await scratch.db.selectFrom('effects').select('seq').orderBy('seq').execute();
      expect(effects.map((effect) => effect.seq)).toEqual(Array.from({ length: 30 }, (_, n) => n));
    } finally {
      await consumer.stop();
      await scratch.drop();
    }
  });
});
