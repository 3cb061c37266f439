/**
 * `pnpm bench:events [N]`: commits N domain changes, each with its event in the
 * outbox, and measures how fast they become effects in a consumer: events per second,
 * and commit-to-effect latency p50/p95/p99, in embedded mode and on Kafka. The
 * baseline, measured in the same run, is the same N transactions without events.
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

const total = Number(process.argv[2] ?? 2000);
const writers = 4;
/** A steady load well under capacity, for latency without queueing. */
const pacedRate = 100;
const logger = createLogger('bench', 'error');

interface Result {
  readonly mode: string;
  readonly seconds: number;
  readonly perSecond: number;
  readonly latencies: number[];
}

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
  const bar = bars.create(total, 0, { mode: 'baseline (no events)'.padEnd(22) });
  const started = performance.now();
  await commitAll(total, (n) => db.transaction().execute(async (trx) => void (await trx.insertInto('effects').values({ subject: `k${n % 50}`, seq: n }).execute())), bar);
  const seconds = (performance.now() - started) / 1000;
  await db.destroy();
  return { mode: 'baseline: commits only', seconds, perSecond: total / seconds, latencies: [] };
}

/** `ratePerSecond`: commit at a steady pace (latency without queueing); omitted: as fast as the writers go (throughput). */
async function withEvents(adminUrl: string, mode: string, transport: EventTransport, bars: cliProgress.MultiBar, ratePerSecond?: number): Promise<Result> {
  const count = ratePerSecond ? Math.min(total, ratePerSecond * 5) : total;
  const topic = `bench.${mode}.${Date.now()}.v1`;
  const counted = defineEvent<{ n: number }>()('jobgraph.bench.counter.counted.v1', { domain: 'bench', topic });
  const { db, url } = await freshSchema(adminUrl, `bench_${mode}`);
  await transport.ensureTopics([topic, `${topic}.dlq`]);
  const committedAt = new Map<number, number>();
  const latencies: number[] = [];
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));
  const label = ratePerSecond ? `${mode} @${ratePerSecond}/s` : mode;
  const bar = bars.create(count, 0, { mode: `${label} effects`.padEnd(22) });
  const consumer = createEventConsumer<ScratchDatabase>({
    db,
    transport,
    groupId: `bench-${mode}-${Date.now()}`,
    deadLetterTopic: `${topic}.dlq`,
    logger,
    handlers: [
      on(counted, async (trx, event) => {
        await trx.insertInto('effects').values({ subject: event.subject, seq: event.data.n }).execute();
        const start = committedAt.get(event.data.n);
        if (start !== undefined) latencies.push(performance.now() - start);
        bar.increment();
        if (latencies.length === count) done();
      }),
    ],
  });
  const relay = createOutboxRelay({ db, listenUrl: url, transport, logger });
  await consumer.start();
  await relay.start();
  const started = performance.now();
  await commitAll(
    count,
    async (n) => {
      if (ratePerSecond) {
        const due = started + (n * 1000) / ratePerSecond;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('effects').values({ subject: `source-${n % 50}`, seq: -n - 1 }).execute();
        await appendToOutbox(trx, [pendingEvent(counted, `k${n % 50}`, { n })]);
      });
      committedAt.set(n, performance.now());
    },
    bars.create(count, 0, { mode: `${label} commits`.padEnd(22) }),
  );
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
  results.push(await withEvents(adminUrl, 'embedded', embedded, bars));
  results.push(await withEvents(adminUrl, 'embedded', embedded, bars, pacedRate));
  await embedded.close();
  let brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    bars.log('  starting a Kafka broker (infra/kafka/broker.sh)…\n');
    broker = await startKafkaBrokerProcess();
    brokers = broker.brokers;
  }
  const kafka = createKafkaTransport({ brokers: brokers.split(','), clientId: 'bench', logger });
  results.push(await withEvents(adminUrl, 'kafka', kafka, bars));
  results.push(await withEvents(adminUrl, 'kafka', kafka, bars, pacedRate));
  await kafka.close();
} finally {
  bars.stop();
  await broker?.stop();
  await postgres?.stop();
}

const base = results[0]?.perSecond ?? 1;
console.log(`\nEvents bench: ${total} changes from ${writers} concurrent writers (paced runs: ${pacedRate}/s for 5 s), one event each; Node ${process.version}, ${new Date().toISOString()}\n`);
console.log('mode                     seconds   changes/s   vs baseline   latency p50    p95      p99 (ms, commit → effect)');
for (const r of results) {
  const sorted = r.latencies;
  const lat = sorted.length ? [50, 95, 99].map((p) => percentile(sorted, p).toFixed(1).padStart(7)).join('  ') : '      -        -        -';
  // A paced run's rate is set by the pacing, so it has no ratio to the baseline.
  const ratio = r.mode.includes('@') ? '-'.padStart(11) : `${(r.perSecond / base).toFixed(2).padStart(10)}x`;
  console.log(`${r.mode.padEnd(24)} ${r.seconds.toFixed(2).padStart(7)}   ${r.perSecond.toFixed(0).padStart(9)}   ${ratio}   ${lat}`);
}
process.exit(0);
