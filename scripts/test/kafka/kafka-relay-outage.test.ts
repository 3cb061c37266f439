import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { appendToOutbox, createEventConsumer, createKafkaTransport, createLogger, createOutboxRelay, defineEvent, on, pendingEvent } from '@jobgraph/kit';
import { eventually, scratchEventSchema, type ScratchDatabase } from '@jobgraph/kit/testing';
import { startKafkaBrokerProcess, type KafkaBrokerProcess } from '../../src/testing/kafka-broker-process.ts';

const topic = 'test.outage.v1';
const counted = defineEvent<{ n: number }>()('jobgraph.test.counter.counted.v1', { domain: 'test', topic });
const logger = createLogger('test', 'silent');

let database: TestDatabase;
let broker: KafkaBrokerProcess;
beforeAll(async () => {
  database = await createTestDatabase();
  // This test stops and restarts Kafka, so it owns a broker of its own.
  broker = await startKafkaBrokerProcess();
}, 300_000);
afterAll(async () => {
  await broker?.stop();
  await database?.drop();
});

describe('the relay while Kafka is down (real broker, stopped and restarted)', () => {
  it('delivers every event committed during the outage once Kafka is back: none lost, none doubled in effect', async () => {
    const scratch = await scratchEventSchema(database);
    const transport = createKafkaTransport({ brokers: [broker.brokers], clientId: 'outage-relay', logger });
    await transport.ensureTopics([topic, `${topic}.dead-letter`]);
    const relay = createOutboxRelay({ db: scratch.db, listenUrl: scratch.url, transport, logger, pollMs: 200 });
    await relay.start();
    // Several writers at once, one change per transaction, as mutations commit.
    const commit = async (from: number, to: number) => {
      let next = from;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let n = next++; n < to; n = next++) await scratch.db.transaction().execute((trx) => appendToOutbox(trx, [pendingEvent(counted, `key-${n % 5}`, { n })]));
        }),
      );
    };
    const unpublished = async () => (await sql<{ n: number }>`select count(*)::int as n from outbox where published_at is null`.execute(scratch.db)).rows[0]?.n ?? -1;

    await commit(0, 200);
    await eventually(async () => (await unpublished()) === 0, 30_000);

    await broker.stop();
    await commit(200, 1000);
    // Kafka is gone: the events wait in the outbox, committed, unpublished.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await unpublished()).toBeGreaterThan(0);

    await broker.start();
    await eventually(async () => (await unpublished()) === 0, 120_000, 250);
    await relay.stop();
    await transport.close();

    // A fresh consumer group reads the topic from the beginning; the inbox absorbs any republished batch.
    const reader = createKafkaTransport({ brokers: [broker.brokers], clientId: 'outage-reader', logger });
    const consumer = createEventConsumer<ScratchDatabase>({
      db: scratch.db,
      transport: reader,
      groupId: `outage-reader-${Date.now()}`,
      deadLetterTopic: `${topic}.dead-letter`,
      logger,
      handlers: [on(counted, async (trx, event) => void (await trx.insertInto('effects').values({ subject: event.subject, seq: event.data.n }).execute()))],
    });
    await consumer.start();
    try {
      await eventually(async () => (await scratch.db.selectFrom('effects').select('seq').execute()).length >= 1000, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const effects = await scratch.db.selectFrom('effects').select(['seq', 'subject']).orderBy('seq').execute();
      expect(effects.map((e) => e.seq)).toEqual(Array.from({ length: 1000 }, (_, n) => n));
    } finally {
      await consumer.stop();
      await reader.close();
      await scratch.drop();
    }
  }, 300_000);
});
