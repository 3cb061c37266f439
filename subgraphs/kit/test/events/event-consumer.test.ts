import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { createCloudEvent, createEventConsumer, createInProcessTransport, defineEvent, on, type DeliveredMessage } from '../../src/events.ts';
import { createLogger } from '../../src/logger.ts';
import { scratchEventSchema, type ScratchDatabase } from '../../src/testing/scratch-event-schema.ts';

const counted = defineEvent<{ n: number }>()('jobgraph.test.counter.counted.v1', { domain: 'test', topic: 'test.counter.v1' });
const logger = createLogger('test', 'silent');
const fastRetry = { attempts: 3, initialDelayMs: 1, maxDelayMs: 5 };

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

function message(subject: string, n: number, offset = 0): DeliveredMessage {
  const event = createCloudEvent(counted, subject, { n });
  return { topic: counted.topic, key: subject, value: JSON.stringify(event), headers: {}, partition: 0, offset: String(offset) };
}

describe('an event consumer', () => {
  it('gives a redelivered event no second effect', async () => {
    const scratch = await scratchEventSchema(database);
    const transport = createInProcessTransport(logger);
    const consumer = createEventConsumer<ScratchDatabase>({
      db: scratch.db,
      transport,
      groupId: 'g',
      deadLetterTopic: 'test.dead-letter.v1',
      logger,
      handlers: [on(counted, async (trx, event) => void (await trx.insertInto('effects').values({ subject: event.subject, seq: event.data.n }).execute()))],
    });
    const once = message('a', 1);
    expect(await consumer.consume(once)).toBe('handled');
    expect(await consumer.consume(once)).toBe('duplicate');
    expect(await scratch.db.selectFrom('effects').selectAll().execute()).toHaveLength(1);
    await scratch.drop();
  });

  it('rolls back a failed attempt whole, then succeeds on retry with one effect', async () => {
    const scratch = await scratchEventSchema(database);
    let calls = 0;
    const consumer = createEventConsumer<ScratchDatabase>({
      db: scratch.db,
      transport: createInProcessTransport(logger),
      groupId: 'g',
      deadLetterTopic: 'test.dead-letter.v1',
      logger,
      retry: fastRetry,
      handlers: [
        on(counted, async (trx, event) => {
          calls += 1;
          await trx.insertInto('effects').values({ subject: event.subject, seq: event.data.n }).execute();
          if (calls === 1) throw new Error('transient');
        }),
      ],
    });
    expect(await consumer.consume(message('a', 1))).toBe('handled');
    expect(calls).toBe(2);
    expect(await scratch.db.selectFrom('effects').selectAll().execute()).toHaveLength(1);
    await scratch.drop();
  });

  it('sends a poison event to the dead-letter topic with the error and its origin, and moves on', async () => {
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
          if (event.data.n === 13) throw new Error('cannot handle thirteen');
          await trx.insertInto('effects').values({ subject: event.subject, seq: event.data.n }).execute();
        }),
      ],
    });
    expect(await consumer.consume(message('a', 13, 41))).toBe('dead-lettered');
    expect(await consumer.consume(message('a', 14, 42))).toBe('handled');
    expect(await consumer.consume({ ...message('a', 0, 43), value: 'not json' })).toBe('dead-lettered');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(dead).toHaveLength(2);
    expect(dead[0]?.headers).toMatchObject({
      'x-error-message': 'cannot handle thirteen',
      'x-origin-topic': counted.topic,
      'x-origin-partition': '0',
      'x-origin-offset': '41',
      'x-consumer-group': 'jobgraph.test',
      'x-attempts': '3',
    });
    expect(JSON.parse(dead[0]?.value ?? '{}')).toMatchObject({ data: { n: 13 } });
    // The poison event left no trace in the inbox: replaying it after a fix will run it.
    expect(await scratch.db.selectFrom('inbox').selectAll().execute()).toHaveLength(1);
    expect((await scratch.db.selectFrom('effects').select('seq').execute()).map((r) => r.seq)).toEqual([14]);
    await scratch.drop();
  });

  it('ignores event types it has no handler for', async () => {
    const scratch = await scratchEventSchema(database);
    const other = defineEvent<{ x: number }>()('jobgraph.test.other.happened.v1', { domain: 'test', topic: 'test.counter.v1' });
    const consumer = createEventConsumer<ScratchDatabase>({ db: scratch.db, transport: createInProcessTransport(logger), groupId: 'g', deadLetterTopic: 'd', logger, handlers: [on(counted, async () => {})] });
    const event = createCloudEvent(other, 's', { x: 1 });
    expect(await consumer.consume({ topic: other.topic, key: 's', value: JSON.stringify(event), headers: {}, partition: 0, offset: '0' })).toBe('ignored');
    await scratch.drop();
  });
});
