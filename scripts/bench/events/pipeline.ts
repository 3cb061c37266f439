import { createEventConsumer, createOutboxRelay, type EventTransport, type HandlerRegistration, type OutgoingMessage } from '@jobgraph/kit';
import type { ScratchDatabase } from '@jobgraph/kit/testing';
import { Worker } from 'node:worker_threads';
import { commitBacklog, commitOne, connect, countedOn, createBenchSchema, logger, QueryClock, runWriters, setWiseHandler, type Counted } from './setup.ts';
import type { ConsumerWorkerData, ConsumerWorkerMessage } from './consumer-worker.ts';
import { cpuBetween, cpuSample, type CpuUse, type CpuWatch } from './cpu.ts';
import { load, perSecond } from './stats.ts';

export type Load = { readonly kind: 'backlog' } | { readonly kind: 'live'; readonly writers: number } | { readonly kind: 'paced'; readonly writers: number; readonly rate: number; readonly seconds: number };

/**
 * Where the consumer runs: on a thread of its own (an event loop apart from the writers' and
 * the relay's, as deployed, where it is another domain's process; needs the broker and the
 * transport's namespace), or inline beside them (BENCH_CONSUMER=inline, the earlier shape).
 */
export type ConsumerPlace = { readonly kind: 'thread'; readonly brokers: readonly string[]; readonly namespace: string; readonly partitions: number } | { readonly kind: 'inline' };

export interface PipelineRun {
  readonly label: string;
  readonly load: Load;
  readonly count: number;
  readonly handler: (counted: Counted) => HandlerRegistration<ScratchDatabase>;
  /** Most events of one partition in one consumer transaction; 1 is the one-transaction-per-event baseline. */
  readonly maxBatchSize: number;
}

/** When each event passed each point, ms on `performance.now()`, by event number. */
export interface Trace {
  readonly committed: Float64Array;
  readonly publishing: Float64Array;
  readonly acked: Float64Array;
  readonly fetched: Float64Array;
  readonly effected: Float64Array;
}

export interface PipelineResult {
  readonly run: PipelineRun;
  readonly seconds: number;
  readonly perSecond: number;
  /** Commits per second the writers reached (live and paced runs). */
  readonly committedPerSecond: number;
  readonly trace: Trace;
  readonly writerSql: QueryClock;
  readonly relaySql: QueryClock;
  readonly consumerSql: QueryClock;
  readonly produceMs: number;
  readonly loadBefore: string;
  readonly loadAfter: string;
  /** CPU seconds Node, Postgres and the broker spent from start to the last effect. */
  readonly cpu: CpuUse;
}

/**
 * One end-to-end run on Kafka: writers commit changes with their events, the outbox relay
 * publishes them, a consumer group applies them. Every event is traced through commit,
 * relay publish, broker acknowledgement, consumer fetch and the consumer's committed
 * transaction (its effect).
 */
export async function runPipeline(adminUrl: string, transport: EventTransport, run: PipelineRun, name: string, watch: CpuWatch, place: ConsumerPlace = { kind: 'inline' }): Promise<PipelineResult> {
  const suffix = `${name}_${Date.now()}`;
  const topic = `bench.${suffix}.v1`;
  const counted = countedOn(topic);
  await transport.ensureTopics([topic, `${topic}.dlq`]);
  const url = await createBenchSchema(adminUrl, `bench_${name}`);
  const writers = run.load.kind === 'backlog' ? 1 : run.load.writers;
  const writerSql = new QueryClock();
  const writerDb = connect(url, writers, writerSql);
  const relaySql = new QueryClock();
  let consumerSql = new QueryClock();
  const relayDb = connect(url, 2, relaySql);
  const count = run.count;
  const trace: Trace = { committed: new Float64Array(count), publishing: new Float64Array(count), acked: new Float64Array(count), fetched: new Float64Array(count), effected: new Float64Array(count) };
  let produceMs = 0;
  let effects = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));
  let warmed: () => void = () => {};
  const warm = new Promise<void>((resolve) => (warmed = resolve));
  /** Event numbers of messages; the warm-up event is -1. */
  const numbers = (messages: readonly OutgoingMessage[]) => messages.map((message) => (JSON.parse(message.value) as { data: { n: number } }).data.n);
  const stamp = (times: Float64Array, ns: readonly number[], at: number) => {
    for (const n of ns) if (n >= 0) times[n] = at;
  };
  const traced: EventTransport = {
    ...transport,
    publish: async (messages) => {
      const ns = numbers(messages);
      const started = performance.now();
      stamp(trace.publishing, ns, started);
      await transport.publish(messages);
      const now = performance.now();
      produceMs += now - started;
      stamp(trace.acked, ns, now);
    },
    subscribe: (options) =>
      transport.subscribe({
        ...options,
        handleBatch: async (messages) => {
          const fetched = performance.now();
          await options.handleBatch?.(messages);
          onBatch(numbers(messages), fetched, performance.now());
        },
      }),
  };
  const groupId = `bench-${suffix}`;
  const onBatch = (ns: readonly number[], fetched: number, effected: number) => {
    stamp(trace.fetched, ns, fetched);
    stamp(trace.effected, ns, effected);
    if (ns.includes(-1)) warmed();
    effects += ns.filter((n) => n >= 0).length;
    if (effects >= count) done();
  };
  const consumer = place.kind === 'thread' ? consumerThread(place, { url, topic, groupId, maxBatchSize: run.maxBatchSize, handler: run.handler === setWiseHandler ? 'set-wise' : 'per-event' }, onBatch) : inlineConsumer();
  function inlineConsumer(): ConsumerHandle {
    const consumerDb = connect(url, 8, consumerSql);
    const inline = createEventConsumer<ScratchDatabase>({ db: consumerDb, transport: traced, groupId, deadLetterTopic: `${topic}.dlq`, logger, maxBatchSize: run.maxBatchSize, handlers: [run.handler(counted)] });
    return {
      ready: async () => {},
      start: () => inline.start(),
      stop: async () => {
        await inline.stop();
        await consumerDb.destroy();
        return consumerSql;
      },
    };
  }
  const relay = createOutboxRelay({ db: relayDb, listenUrl: url, transport: traced, logger });
  const loadBefore = load();
  let started: number;
  let committedPerSecond = NaN;
  let cpuFrom = cpuSample(watch);
  let cpu: CpuUse = { node: NaN, postgres: NaN, kafka: NaN };
  try {
    await consumer.ready();
    if (run.load.kind === 'backlog') {
      await commitBacklog(writerDb, counted, count);
      started = performance.now();
      cpuFrom = cpuSample(watch);
      trace.committed.fill(started);
      await consumer.start();
      await relay.start();
    } else {
      await consumer.start();
      await relay.start();
      // One event through first, so the consumer group has joined and fetches before the clock starts.
      await commitOne(writerDb, counted, -1);
      await warm;
      started = performance.now();
      cpuFrom = cpuSample(watch);
      const load = run.load;
      await runWriters(
        count,
        load.writers,
        async (n) => {
          await commitOne(writerDb, counted, n);
          trace.committed[n] = performance.now();
        },
        load.kind === 'paced' ? load.rate : undefined,
      );
      committedPerSecond = perSecond(count, performance.now() - started);
    }
    await finished;
    cpu = cpuBetween(cpuFrom, cpuSample(watch));
  } finally {
    await relay.stop();
    consumerSql = await consumer.stop();
    await Promise.all([writerDb.destroy(), relayDb.destroy()]);
  }
  const last = trace.effected.reduce((max, at) => Math.max(max, at), 0);
  return { run, seconds: (last - started) / 1000, perSecond: perSecond(count, last - started), committedPerSecond, trace, writerSql, relaySql, consumerSql, produceMs, loadBefore, loadAfter: load(), cpu };
}

interface ConsumerHandle {
  /** Loaded and connected, not consuming yet. */
  ready(): Promise<void>;
  start(): Promise<void>;
  /** Answers what the consumer's SQL cost. */
  stop(): Promise<QueryClock>;
}

/** The consumer on its own thread (`consumer-worker.ts`); batches reported in this thread's `performance.now()`. */
function consumerThread(place: Extract<ConsumerPlace, { kind: 'thread' }>, run: Omit<ConsumerWorkerData, 'brokers' | 'namespace' | 'partitions'>, onBatch: (ns: readonly number[], fetched: number, effected: number) => void): ConsumerHandle {
  const workerData: ConsumerWorkerData = { ...run, brokers: place.brokers, namespace: place.namespace, partitions: place.partitions };
  const worker = new Worker(new URL('./consumer-worker.ts', import.meta.url), { workerData });
  // The worker's times are on process.hrtime (shared by the threads); this thread's on performance.now().
  const offset = Number(process.hrtime.bigint()) / 1e6 - performance.now();
  const local = (hrtime: number) => hrtime - offset;
  let loaded: () => void = () => {};
  const ready = new Promise<void>((resolve) => (loaded = resolve));
  let started: () => void = () => {};
  let stopped: (clock: QueryClock) => void = () => {};
  let failed: (error: Error) => void = () => {};
  const failure = new Promise<never>((_, reject) => (failed = reject));
  failure.catch(() => {});
  worker.on('error', (error) => failed(error));
  worker.on('message', (message: ConsumerWorkerMessage) => {
    if (message.kind === 'ready') loaded();
    else if (message.kind === 'started') started();
    else if (message.kind === 'batch') onBatch(message.ns, local(message.fetched), local(message.effected));
    else {
      const clock = new QueryClock();
      for (const [label, ms] of message.sql.ms) clock.ms.set(label, ms);
      for (const [label, n] of message.sql.count) clock.count.set(label, n);
      stopped(clock);
    }
  });
  return {
    ready: () => Promise.race([ready, failure]),
    start: () => {
      const answer = Promise.race([new Promise<void>((resolve) => (started = resolve)), failure]);
      worker.postMessage({ kind: 'start' });
      return answer;
    },
    stop: async () => {
      const clock = Promise.race([new Promise<QueryClock>((resolve) => (stopped = resolve)), failure]);
      worker.postMessage({ kind: 'stop' });
      const answer = await clock;
      await worker.terminate();
      return answer;
    },
  };
}
