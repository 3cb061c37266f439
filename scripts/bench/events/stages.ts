import { sql } from 'kysely';
import { createCloudEvent, createEventConsumer, createOutboxRelay, type DeliveredMessage, type EventTransport, type OutgoingMessage } from '@jobgraph/kit';
import { commitBacklog, commitOne, connect, countedOn, createBenchSchema, logger, perEventHandler, previousPipelining, runWriters, setWiseHandler } from './setup.ts';
import { cpuBetween, cpuSample, type CpuUse, type CpuWatch } from './cpu.ts';
import { load, perSecond } from './stats.ts';

export interface Ceiling {
  readonly stage: string;
  readonly count: number;
  readonly perSecond: number;
  readonly load: string;
  /** CPU seconds the stage cost Node, Postgres and the broker. */
  readonly cpu: CpuUse;
}

/**
 * Each stage of the path alone, at full speed, over `count` events: what it could carry
 * if it had the machine to itself (the others are idle while it runs).
 */
export async function stageCeilings(adminUrl: string, transport: EventTransport, count: number, writers: number, watch: CpuWatch): Promise<Ceiling[]> {
  const timed = async (stage: string, count: number, work: () => Promise<unknown>): Promise<Ceiling> => {
    const from = cpuSample(watch);
    const started = performance.now();
    await work();
    const ms = performance.now() - started;
    return { stage, count, perSecond: perSecond(count, ms), load: load(), cpu: cpuBetween(from, cpuSample(watch)) };
  };
  const stamp = Date.now();
  const topic = `bench.stages.${stamp}.v1`;
  const counted = countedOn(topic);
  await transport.ensureTopics([topic, `${topic}.dlq`]);
  const url = await createBenchSchema(adminUrl, 'bench_stages');
  const db = connect(url, writers + 2);
  const ceilings: Ceiling[] = [];
  try {
    const single = Math.min(count, 4000);
    // The same commits with the connections of the previous round (3 round trips a commit, statements parsed each
    // time), before and after the current ones (2 round trips, the kit's statements prepared), as the baseline.
    const previous = connect(url, writers, undefined, previousPipelining);
    try {
      for (const [label, writerDb] of [['before: 3 round trips', previous], ['now: 2 round trips, prepared', db], ['before: 3 round trips', previous]] as const) {
        ceilings.push(await timed(`commit: a change + its event per tx, ${writers} writers, ${label}`, single, () => runWriters(single, writers, async (n) => void (await commitOne(writerDb, counted, n)))));
      }
    } finally {
      await previous.destroy();
    }
    for (const lanes of [1, 2]) {
      await sql`truncate outbox`.execute(db);
      ceilings.push(await timed('commit: 500 events per transaction', count, () => commitBacklog(db, counted, count)));
      const relay = createOutboxRelay({ db, listenUrl: url, transport, logger, lanes });
      ceilings.push(await timed(`relay: claim + produce (acks=-1) + mark, 500 a batch, ${lanes} lane${lanes > 1 ? 's' : ''}`, count, () => relay.flush()));
    }

    const messages: OutgoingMessage[] = Array.from({ length: count }, (_, n) => {
      const event = createCloudEvent(counted, `k${n % 50}`, { n });
      return { topic, key: event.subject, value: JSON.stringify(event), headers: { 'content-type': 'application/cloudevents+json; charset=utf-8', ce_id: event.id, ce_type: event.type } };
    });
    ceilings.push(
      await timed('produce alone: sendBatch of 500, acks=-1', count, async () => {
        for (let from = 0; from < count; from += 500) await transport.publish(messages.slice(from, from + 500));
      }),
    );

    // The topic now holds 2 × count records: fetch them with a handler that does nothing.
    let fetched = 0;
    let done: () => void = () => {};
    const all = new Promise<void>((resolve) => (done = resolve));
    ceilings.push(
      await timed('consumer fetch alone (handler does nothing)', 2 * count, async () => {
        const subscription = await transport.subscribe({
          groupId: `bench-fetch-${stamp}`,
          topics: [topic],
          handle: async () => {},
          handleBatch: async (batch) => {
            fetched += batch.length;
            if (fetched >= 2 * count) done();
          },
        });
        await all;
        await subscription.stop();
      }),
    );

    const delivered: DeliveredMessage[] = messages.map((message, n) => ({ ...message, partition: 0, offset: String(n) }));
    for (const [name, handler] of [['per-event', perEventHandler], ['set-wise', setWiseHandler]] as const) {
      await sql`truncate inbox, effects`.execute(db);
      const consumer = createEventConsumer({ db, transport, groupId: `bench-tx-${stamp}`, deadLetterTopic: `${topic}.dlq`, logger, handlers: [handler(counted)] });
      ceilings.push(
        await timed(`consumer transaction alone, ${name} handler, 500 a batch`, count, async () => {
          for (let from = 0; from < count; from += 500) await consumer.consumeBatch(delivered.slice(from, from + 500));
        }),
      );
    }
  } finally {
    await db.destroy();
  }
  return ceilings;
}
