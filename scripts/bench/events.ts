/**
 * `pnpm bench:events [N]`: how fast committed domain changes become effects in a
 * consumer on Kafka, and where the time goes. Prints:
 *
 * 1. Stage ceilings: each stage alone at full speed over N events (commit, relay,
 *    produce, fetch, consumer transaction with a per-event and a set-wise handler).
 * 2. End to end at max rate: N events committed ahead (a burst), then the relay and a
 *    consumer group start; events/s from start to the last effect committed. The
 *    baseline is one consumer transaction per event (how the consumer worked before
 *    batching), measured in the same run; then batched with a per-event handler (one
 *    INSERT per event) and with a set-wise one (one INSERT per run). Then "live": writers
 *    commit one change + event per transaction as fast as they can while both run.
 * 3. Steady BENCH_PACED_RATE (default 1,000) events/s for BENCH_PACED_SECONDS (10):
 *    commit → effect p50/p95/p99, and the same per stage.
 *
 * The load average is printed with each figure: the machine may be shared.
 * The consumer runs on a thread of its own (`events/consumer-worker.ts`): deployed, it is
 * another domain's process, never on the event loop of the mutations and relay it reads
 * from. BENCH_CONSUMER=inline puts it beside them, as this bench did before 2026-11-26.
 *
 * Env: KAFKA_BROKERS (else a broker is started), DATABASE_URL (else embedded
 * Postgres), BENCH_PARTITIONS (6), BENCH_WRITERS (8, stage ceilings), BENCH_PACED_WRITERS (32,
 * live and steady runs), BENCH_CONSUMER (thread | inline).
 */
import { cpus } from 'node:os';
import { createKafkaTransport } from '@jobgraph/kit';
import { startKafkaBrokerProcess } from '../src/testing/kafka-broker-process.ts';
import { listenerPid, type CpuUse, type CpuWatch } from './events/cpu.ts';
import { runPipeline, type ConsumerPlace, type PipelineResult } from './events/pipeline.ts';
import { logger, perEventHandler, setWiseHandler, startPostgres } from './events/setup.ts';
import { stageCeilings, type Ceiling } from './events/stages.ts';
import { fmt, load, quantiles } from './events/stats.ts';

const total = Number(process.argv[2] ?? 20_000);
const pacedRate = Number(process.env.BENCH_PACED_RATE ?? 1000);
const pacedSeconds = Number(process.env.BENCH_PACED_SECONDS ?? 10);
const partitions = Number(process.env.BENCH_PARTITIONS ?? 6);
const writers = Number(process.env.BENCH_WRITERS ?? 8);
/** Concurrent clients behind a steady rate: enough that commits keep the pace when each waits on the database. */
const pacedWriters = Number(process.env.BENCH_PACED_WRITERS ?? 32);
const loadAtStart = load();

const postgres = await startPostgres();
let broker: Awaited<ReturnType<typeof startKafkaBrokerProcess>> | null = null;
let brokers = process.env.KAFKA_BROKERS;
if (!brokers) {
  console.log('starting a Kafka broker (infra/kafka/broker.sh)…');
  broker = await startKafkaBrokerProcess();
  brokers = broker.brokers;
}
const namespace = `bench-${Date.now()}`;
const kafka = createKafkaTransport({ brokers: brokers.split(','), clientId: 'bench', logger, namespace, partitions });
/** The consumer on a thread of its own, as deployed (another domain's process); BENCH_CONSUMER=inline puts it beside the writers and the relay. */
const consumerPlace: ConsumerPlace = process.env.BENCH_CONSUMER === 'inline' ? { kind: 'inline' } : { kind: 'thread', brokers: brokers.split(','), namespace, partitions };
const watch: CpuWatch = { dataDir: postgres.dataDir, kafkaPid: listenerPid(Number(brokers.split(',')[0]?.split(':')[1] ?? 9092)) };
const step = (what: string) => console.log(`  … ${what} (load ${load()})`);
let ceilings: Ceiling[] = [];
const runs: PipelineResult[] = [];
const paced = () => runPipeline(postgres.adminUrl, kafka, { label: `steady ${pacedRate}/s, set-wise`, load: { kind: 'paced', writers: pacedWriters, rate: pacedRate, seconds: pacedSeconds }, count: pacedRate * pacedSeconds, handler: setWiseHandler, maxBatchSize: 500 }, 'paced', watch, consumerPlace);
try {
  // BENCH_ONLY=paced runs the steady rate alone (while tuning).
  if (process.env.BENCH_ONLY !== 'paced') {
    step('stage ceilings');
    ceilings = await stageCeilings(postgres.adminUrl, kafka, total, writers, watch);
    const baselineCount = Math.min(total, 4000);
    step('baseline: one transaction per event');
    runs.push(await runPipeline(postgres.adminUrl, kafka, { label: 'baseline: 1 transaction per event', load: { kind: 'backlog' }, count: baselineCount, handler: perEventHandler, maxBatchSize: 1 }, 'baseline', watch, consumerPlace));
    step('batched, per-event handler');
    runs.push(await runPipeline(postgres.adminUrl, kafka, { label: 'batched, per-event handler', load: { kind: 'backlog' }, count: total, handler: perEventHandler, maxBatchSize: 500 }, 'per_event', watch, consumerPlace));
    step('batched, set-wise handler');
    runs.push(await runPipeline(postgres.adminUrl, kafka, { label: 'batched, set-wise handler', load: { kind: 'backlog' }, count: total, handler: setWiseHandler, maxBatchSize: 500 }, 'set_wise', watch, consumerPlace));
    step('live writers');
    runs.push(await runPipeline(postgres.adminUrl, kafka, { label: `live: ${pacedWriters} writers, set-wise`, load: { kind: 'live', writers: pacedWriters }, count: Math.min(total, 5000), handler: setWiseHandler, maxBatchSize: 500 }, 'live', watch, consumerPlace));
  }
  step(`steady ${pacedRate}/s`);
  runs.push(await paced());
} finally {
  await kafka.close();
  await broker?.stop();
  await postgres.stop();
}

console.log(`\nEvents bench on Kafka (${brokers}, acks=-1, idempotent producer): ${fmt(total)} events, ${partitions} partitions, 50 keys, ${writers} writers; ${cpus().length} cores; Node ${process.version}; ${new Date().toISOString()}`);
console.log(`load average (1/5/15 min) at start: ${loadAtStart}; at end: ${load()}; consumer ${consumerPlace.kind === 'thread' ? 'on its own thread, as deployed' : 'inline, beside the writers and the relay (BENCH_CONSUMER=inline)'}\n`);
const cores = cpus().length;
const costs = (cpu: CpuUse, count: number) => {
  const per = (seconds: number) => (Number.isFinite(seconds) ? ((seconds * 1e6) / count).toFixed(0) : '-');
  const total = cpu.node + cpu.postgres + (Number.isFinite(cpu.kafka) ? cpu.kafka : 0);
  // Node is one thread (relay, consumer and writers share it); all three share the cores.
  const ceiling = Math.min(cores / (total / count), 1 / (cpu.node / count));
  return { text: `${per(cpu.node).padStart(6)} ${per(cpu.postgres).padStart(6)} ${per(cpu.kafka).padStart(6)}`, ceiling };
};
console.log(`1. Stage ceilings, each stage alone         events/s   load             CPU ms per 1,000: Node    PG  Kafka*   on ${cores} quiet cores`);
for (const c of ceilings) {
  const cost = costs(c.cpu, c.count);
  console.log(`   ${c.stage.padEnd(60)} ${fmt(c.perSecond).padStart(8)}   ${c.load.padEnd(15)} ${cost.text}   ${fmt(cost.ceiling).padStart(8)}/s`);
}

const baseline = runs[0]?.perSecond ?? NaN;
console.log('\n2. End to end on Kafka, commit → effect committed               events/s  vs 1 tx/event   seconds   load before → after');
for (const r of runs.filter((r) => r.run.load.kind !== 'paced')) {
  const commits = r.run.load.kind === 'live' ? ` (commits ${fmt(r.committedPerSecond)}/s)` : '';
  console.log(`   ${`${r.run.label} (${fmt(r.run.count)})${commits}`.padEnd(60)} ${fmt(r.perSecond).padStart(8)}   ${`${(r.perSecond / baseline).toFixed(2)}x`.padStart(10)}   ${r.seconds.toFixed(2).padStart(7)}   ${r.loadBefore} → ${r.loadAfter}`);
}

console.log(`\n3. What each run cost in CPU (from /proc) and what that allows on ${cores} quiet cores`);
console.log('   run                                               cores it got   CPU ms per 1,000: Node    PG  Kafka*   quiet ceiling');
for (const r of runs) {
  // Live and steady runs include the writers' own commits (a mutation's cost, not the stream's): no ceiling for the stream.
  const live = r.run.load.kind !== 'backlog';
  const cost = costs(r.cpu, r.run.count);
  const got = (r.cpu.node + r.cpu.postgres + (Number.isFinite(r.cpu.kafka) ? r.cpu.kafka : 0)) / r.seconds;
  console.log(`   ${`${r.run.label}${live ? ' (with its commits)' : ''}`.padEnd(52)} ${got.toFixed(2).padStart(8)}     ${cost.text}   ${live ? '-'.padStart(8) : fmt(cost.ceiling).padStart(8)}/s`);
}
console.log('   * the broker is shared: its CPU time includes whatever else used it meanwhile, so these ceilings are lower bounds.');

const stages = (r: PipelineResult) => {
  const { committed, publishing, acked, fetched, effected } = r.trace;
  const between = (from: Float64Array, to: Float64Array) => Array.from(to, (at, n) => at - (from[n] ?? at));
  return [
    ['commit → effect committed', between(committed, effected)],
    ['  commit → relay publishes (wake, claim)', between(committed, publishing)],
    ['  publish → broker ack (acks=-1)', between(publishing, acked)],
    // With the consumer on its own thread it may have a record before the relay's busier thread has taken the ack: then below zero.
    ['  ack → consumer has it (fetch)', between(acked, fetched)],
    ['  consumer has it → effect committed', between(fetched, effected)],
  ] as const;
};
for (const r of runs) {
  console.log(`\n   latency, ${r.run.label}${r.run.load.kind === 'paced' ? ` (commits reached ${fmt(r.committedPerSecond)}/s; load ${r.loadBefore} → ${r.loadAfter})` : ''}`.padEnd(68) + '  p50      p95      p99 (ms)');
  for (const [label, values] of stages(r)) console.log(`   ${label.padEnd(60)} ${quantiles(values)}`);
  const sqlTime = (clock: typeof r.relaySql) => [...clock.ms].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([query, ms]) => `${query} ${(ms / 1000).toFixed(2)} s/${clock.count.get(query)}`).join(', ');
  const per1000 = (n: number) => ((n * 1000) / r.run.count).toFixed(0);
  const trips = (clock: typeof r.relaySql) => `${per1000(clock.roundTrips())} (${per1000(clock.statements())} statements)`;
  console.log(`   round trips to Postgres per 1,000 events: writers ${r.run.load.kind === 'backlog' ? '- (backlog)' : trips(r.writerSql)}, relay ${trips(r.relaySql)}, consumer ${trips(r.consumerSql)}`);
  console.log(`   busy: relay SQL ${(r.relaySql.total() / 1000).toFixed(2)} s + produce ${(r.produceMs / 1000).toFixed(2)} s; consumer SQL ${(r.consumerSql.total() / 1000).toFixed(2)} s (summed over partitions)`);
  console.log(`     relay: ${sqlTime(r.relaySql)}`);
  console.log(`     consumer: ${sqlTime(r.consumerSql)}`);
}
process.exit(0);
