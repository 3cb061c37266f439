/**
 * `pnpm bench:events [N]`: how fast committed domain changes become effects in a
 * consumer, on Kafka and in embedded mode. Prints, for each mode, events per second
 * and commit-to-effect latency p50/p95/p99 (the effect counts once the consumer's
 * transaction has committed).
 *
 * - backlog: N events already committed (a burst: an ingest run, a consumer back from
 *   an outage), then the relay and the consumer start; events/s from start to the last
 *   effect. Run twice: with one transaction per event (how the consumer worked before
 *   batching, the baseline) and batched.
 * - live: 4 writers commit N changes as fast as they can, one event each.
 * - paced: a steady BENCH_PACED_RATE (default 1,000) changes per second for 5 s.
 * The commits-only baseline is the same N transactions without events.
 */
import { mkdtemp, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import cliProgress from 'cli-progress';
import { createKysely, startEmbeddedPostgres } from '@jobgraph/db';
import {
  appendToOutbox,
  createEventConsumer,
  createInProcessTransport,
  createKafkaTransport,
  createLogger,
  createOutboxRelay,
  defineEvent,
  on,
  pendingEvent,
  createEventTablesV1,
  type EventTransport,
} from '@jobgraph/kit';
import type { ScratchDatabase } from '@jobgraph/kit/testing';
import { startKafkaBrokerProcess } from '../src/testing/kafka-broker-process.ts';

const total = Number(process.argv[2] ?? 10_000);
const writers = 4;
const pacedRate = Number(process.env.BENCH_PACED_RATE ?? 1000);
const logger = createLogger('bench', 'error');

interface Result {
  readonly mode: string;
  readonly seconds: number;
  readonly perSecond: number;
  readonly latencies: number[];
}

type Load = { kind: 'backlog'; maxBatchSize: number } | { kind: 'live' } | { kind: 'paced'; rate: number };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function freshSchema(adminUrl: string, name: string): Promise<{ db: Kysely<ScratchDatabase>; url: string }> {
  const admin = createKysely<unknown>({ url: adminUrl, maxConnections: 1 });
  await sql`drop schema if exists ${sql.id(name)} cascade`.execute(admin);
  await sql`create schema ${sql.id(name)}`.execute(admin);
  await admin.destroy();
  const url = new URL(adminUrl);
  url.searchParams.set('options', `-c search_path=${name}`);
  const db = createKysely<ScratchDatabase>({ url: url.toString(), maxConnections: writers + 4 });
  await createEventTablesV1(db);
  await db.schema.createTable('effects').addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`)).addColumn('subject', 'text', (c) => c.notNull()).addColumn('seq', 'integer', (c) => c.notNull()).execute();
  return { db, url: url.toString() };
}

/** Runs `count` transactions from `writers` concurrent writers. */
async function commitAll(count: number, commit: (n: number) => Promise<void>, bar: cliProgress.SingleBar): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let n = next++; n < count; n = next++) {
        await commit(n);
        bar.increment();
      }
    }),
  );
}

async function baseline(adminUrl: string, bars: cliProgress.MultiBar): Promise<Result> {
  const { db } = await freshSchema(adminUrl, 'bench_baseline');
  const bar = bars.create(total, 0, { mode: 'baseline (no events)'.padEnd(26) });
  const started = performance.now();
  await commitAll(total, (n) => db.transaction().execute(async (trx) => void (await trx.insertInto('effects').values({ subject: `k${n % 50}`, seq: n }).execute())), bar);
  const seconds = (performance.now() - started) / 1000;
  await db.destroy();
  return { mode: 'commits only (no events)', seconds, perSecond: total / seconds, latencies: [] };
}

async function withEvents(adminUrl: string, transportName: string, transport: EventTransport, bars: cliProgress.MultiBar, load: Load): Promise<Result> {
  const count = load.kind === 'paced' ? Math.min(total, load.rate * 5) : total;
  const stamp = `${transportName}_${load.kind}_${Date.now()}`;
  const topic = `bench.${stamp}.v1`;
  const counted = defineEvent<{ n: number }>()('jobgraph.bench.counter.counted.v1', { domain: 'bench', topic });
  const { db, url } = await freshSchema(adminUrl, `bench_${transportName}_${load.kind}`);
  await transport.ensureTopics([topic, `${topic}.dlq`]);
  const committedAt = new Map<number, number>();
  const latencies: number[] = [];
  let effects = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));
  const label = load.kind === 'paced' ? `${transportName} paced @${load.rate}/s` : load.kind === 'backlog' ? `${transportName} backlog, batch ${load.maxBatchSize}` : `${transportName} live`;
  const bar = bars.create(count, 0, { mode: `${label}`.padEnd(26) });
  // An effect counts when its batch's transaction has committed: the subscription's batch callback has returned.
  const measured: EventTransport = {
    ...transport,
    subscribe: (options) =>
      transport.subscribe({
        ...options,
        handleBatch: async (messages) => {
          await options.handleBatch?.(messages);
          const now = performance.now();
          for (const message of messages) {
            const n = (JSON.parse(message.value) as { data: { n: number } }).data.n;
            latencies.push(now - (committedAt.get(n) ?? now));
          }
          effects += messages.length;
          bar.update(effects);
          if (effects >= count) done();
        },
      }),
  };
  const consumer = createEventConsumer<ScratchDatabase>({
    db,
    transport: measured,
    groupId: `bench-${stamp}`,
    deadLetterTopic: `${topic}.dlq`,
    logger,
    ...(load.kind === 'backlog' ? { maxBatchSize: load.maxBatchSize } : {}),
    handlers: [on(counted, async (trx, event) => void (await trx.insertInto('effects').values({ subject: event.subject, seq: event.data.n }).execute()))],
  });
  const relay = createOutboxRelay({ db, listenUrl: url, transport, logger });
  const commitOne = async (trx: Kysely<ScratchDatabase>, n: number) => {
    await trx.insertInto('effects').values({ subject: `source-${n % 50}`, seq: -n - 1 }).execute();
    await appendToOutbox(trx, [pendingEvent(counted, `k${n % 50}`, { n })]);
  };

  let started: number;
  if (load.kind === 'backlog') {
    const chunk = 200;
    for (let from = 0; from < count; from += chunk) {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('effects').values(Array.from({ length: Math.min(chunk, count - from) }, (_, i) => ({ subject: 'source', seq: -(from + i) - 1 }))).execute();
        await appendToOutbox(trx, Array.from({ length: Math.min(chunk, count - from) }, (_, i) => pendingEvent(counted, `k${(from + i) % 50}`, { n: from + i })));
      });
    }
    started = performance.now();
    for (let n = 0; n < count; n += 1) committedAt.set(n, started);
    await consumer.start();
    await relay.start();
  } else {
    await consumer.start();
    await relay.start();
    started = performance.now();
    const rate = load.kind === 'paced' ? load.rate : null;
    await commitAll(
      count,
      async (n) => {
        if (rate) {
          const wait = started + (n * 1000) / rate - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
        await db.transaction().execute((trx) => commitOne(trx, n));
        committedAt.set(n, performance.now());
      },
      bars.create(count, 0, { mode: `${label} commits`.padEnd(26) }),
    );
  }
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await relay.stop();
  await consumer.stop();
  await db.destroy();
  return { mode: label, seconds, perSecond: count / seconds, latencies: latencies.sort((a, b) => a - b) };
}

const dataParent = await mkdtemp(path.join(tmpdir(), 'jobgraph-bench-'));
await chmod(dataParent, 0o755);
const postgres = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(dataParent, 'data'), persistent: false });
const adminUrl = process.env.DATABASE_URL ?? postgres?.adminUrl ?? '';
const bars = new cliProgress.MultiBar({ format: '  {mode} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
const results: Result[] = [];
let broker: Awaited<ReturnType<typeof startKafkaBrokerProcess>> | null = null;
try {
  results.push(await baseline(adminUrl, bars));
  const embedded = createInProcessTransport(logger);
  results.push(await withEvents(adminUrl, 'embedded', embedded, bars, { kind: 'backlog', maxBatchSize: 500 }));
  results.push(await withEvents(adminUrl, 'embedded', embedded, bars, { kind: 'paced', rate: pacedRate }));
  await embedded.close();
  let brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    bars.log('  starting a Kafka broker (infra/kafka/broker.sh)…\n');
    broker = await startKafkaBrokerProcess();
    brokers = broker.brokers;
  }
  const kafka = createKafkaTransport({ brokers: brokers.split(','), clientId: 'bench', logger, namespace: `bench-${Date.now()}` });
  results.push(await withEvents(adminUrl, 'kafka', kafka, bars, { kind: 'backlog', maxBatchSize: 1 }));
  results.push(await withEvents(adminUrl, 'kafka', kafka, bars, { kind: 'backlog', maxBatchSize: 500 }));
  results.push(await withEvents(adminUrl, 'kafka', kafka, bars, { kind: 'live' }));
  results.push(await withEvents(adminUrl, 'kafka', kafka, bars, { kind: 'paced', rate: pacedRate }));
  await kafka.close();
} finally {
  bars.stop();
  await broker?.stop();
  await postgres?.stop();
}

const base = results[0]?.perSecond ?? 1;
const unbatched = results.find((r) => r.mode === 'kafka backlog, batch 1')?.perSecond ?? NaN;
console.log(`\nEvents bench: ${total} events (paced runs: ${pacedRate}/s for 5 s); writers: ${writers}; Node ${process.version}, ${new Date().toISOString()}\n`);
console.log('mode                        seconds    events/s   vs commits   vs batch 1   latency p50      p95      p99 (ms, commit → effect committed)');
for (const r of results) {
  const sorted = r.latencies;
  const lat = sorted.length ? [50, 95, 99].map((p) => percentile(sorted, p).toFixed(1).padStart(8)).join(' ') : '       -        -        -';
  // A paced run's rate is set by the pacing, so it has no ratio.
  const paced = r.mode.includes('@');
  const ratio = paced ? '-'.padStart(10) : `${(r.perSecond / base).toFixed(2).padStart(9)}x`;
  const speedup = paced || !r.mode.startsWith('kafka backlog') ? '-'.padStart(10) : `${(r.perSecond / unbatched).toFixed(2).padStart(9)}x`;
  console.log(`${r.mode.padEnd(26)} ${r.seconds.toFixed(2).padStart(8)}   ${r.perSecond.toFixed(0).padStart(9)}   ${ratio}   ${speedup}   ${lat}`);
}
process.exit(0);
