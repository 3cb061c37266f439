/**
 * The bench's consumer on an event loop of its own (a worker thread), as it runs deployed:
 * in the consuming domain's process, not beside the producing domain's mutations and relay.
 * It tells the bench when each batch arrived and when its effect committed (ms on
 * `process.hrtime`, the monotonic clock every thread of the process shares), and at the
 * end what its SQL cost.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEventConsumer, createKafkaTransport, type EventTransport } from '@jobgraph/kit';
import type { ScratchDatabase } from '@jobgraph/kit/testing';
import { connect, countedOn, logger, perEventHandler, QueryClock, setWiseHandler } from './setup.ts';

export interface ConsumerWorkerData {
  readonly url: string;
  readonly brokers: readonly string[];
  readonly namespace: string;
  readonly partitions: number;
  readonly topic: string;
  readonly groupId: string;
  readonly maxBatchSize: number;
  readonly handler: 'set-wise' | 'per-event';
}

/** Worker → bench. */
export type ConsumerWorkerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'started' }
  | { readonly kind: 'batch'; readonly ns: readonly number[]; readonly fetched: number; readonly effected: number }
  | { readonly kind: 'stopped'; readonly sql: { readonly ms: [string, number][]; readonly count: [string, number][] } };

const port = parentPort;
if (!port) throw new Error('consumer-worker.ts runs as a worker thread of the events bench');
const data = workerData as ConsumerWorkerData;
const epoch = () => Number(process.hrtime.bigint()) / 1e6;
const post = (message: ConsumerWorkerMessage) => port.postMessage(message);

const kafka = createKafkaTransport({ brokers: [...data.brokers], clientId: 'bench-consumer', logger, namespace: data.namespace, partitions: data.partitions });
const clock = new QueryClock();
const db = connect(data.url, 8, clock);
const counted = countedOn(data.topic);
const numbers = (values: readonly string[]) => values.map((value) => (JSON.parse(value) as { data: { n: number } }).data.n);
const traced: EventTransport = {
  ...kafka,
  subscribe: (options) =>
    kafka.subscribe({
      ...options,
      handleBatch: async (messages) => {
        const fetched = epoch();
        await options.handleBatch?.(messages);
        post({ kind: 'batch', ns: numbers(messages.map((message) => message.value)), fetched, effected: epoch() });
      },
    }),
};
const consumer = createEventConsumer<ScratchDatabase>({
  db,
  transport: traced,
  groupId: data.groupId,
  deadLetterTopic: `${data.topic}.dlq`,
  logger,
  maxBatchSize: data.maxBatchSize,
  handlers: [(data.handler === 'set-wise' ? setWiseHandler : perEventHandler)(counted)],
});
port.on('message', (message: { kind: 'start' | 'stop' }) => {
  if (message.kind === 'start') {
    void consumer.start().then(() => post({ kind: 'started' }));
    return;
  }
  void (async () => {
    await consumer.stop();
    await kafka.close();
    await db.destroy();
    post({ kind: 'stopped', sql: { ms: [...clock.ms], count: [...clock.count] } });
    port.close();
  })();
});
// Loaded and connected: the bench starts its clock, then the consumer (as it starts the inline one).
await db.selectFrom('inbox').select('event_id').limit(1).execute();
post({ kind: 'ready' });
