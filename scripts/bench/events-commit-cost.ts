/**
 * `pnpm bench:events:commit [N]`: where a mutation's commit costs CPU — a change + its
 * outbox row per transaction, BENCH_WRITERS (8) writers — measured for the connections of
 * the previous round (BEGIN folded only: 3 round trips, every statement parsed) and the
 * current ones (2 round trips, the kit's fixed statements prepared), alternating in the
 * same run. Prints per 1,000 commits: Node user/system CPU, the Postgres backends'
 * user/system CPU (from /proc), round trips, and per statement the plan and execution time
 * Postgres itself measured (pg_stat_statements, loaded for this run only).
 *
 * BENCH_DURABLE=1 runs the cluster as `pnpm dev` does (fsync, synchronous_commit,
 * full_page_writes on) instead of the throw-away settings the other benches use;
 * BENCH_PG_SETTINGS=name=value,… adds server settings (e.g. commit_delay=200,commit_siblings=3).
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createKysely, startEmbeddedPostgres, type Pipelining } from '@jobgraph/db';
import { commitOne, connect, countedOn, createBenchSchema, previousPipelining, QueryClock, runWriters } from './events/setup.ts';
import { load } from './events/stats.ts';
import { allPids, procStat, readProcFile } from './proc.ts';

const count = Number(process.argv[2] ?? 4000);
const writers = Number(process.env.BENCH_WRITERS ?? 8);
const durable = process.env.BENCH_DURABLE === '1';
const settings: Record<string, string> = { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track_planning': 'on' };
for (const pair of (process.env.BENCH_PG_SETTINGS ?? '').split(',').filter(Boolean)) {
  const [name, value] = pair.split('=');
  if (name && value !== undefined) settings[name] = value;
}

const dataParent = await mkdtemp(path.join(tmpdir(), 'jobgraph-bench-commit-'));
await chmod(dataParent, 0o755);
const dataDir = path.join(dataParent, 'data');
const server = await startEmbeddedPostgres({ dataDir, persistent: durable, settings });

interface Proc {
  readonly ppid: number;
  readonly user: number;
  readonly system: number;
  readonly client: boolean;
}
/** The cluster's processes: user and system CPU seconds; `client` for backends serving a TCP client. */
function clusterProcesses(): Map<number, Proc> {
  const all = new Map<number, Proc & { command: string }>();
  for (const pid of allPids()) {
    const stat = procStat(pid);
    if (!stat) continue;
    const command = (readProcFile(`/proc/${pid}/cmdline`) ?? '').replace(/\0/g, ' ');
    all.set(pid, { command, ppid: stat.ppid, user: stat.userMs / 1000, system: stat.systemMs / 1000, client: /\(\d+\)/.test(command) });
  }
  const postmaster = [...all].find(([, proc]) => proc.command.includes(dataDir))?.[0];
  return new Map([...all].filter(([pid, proc]) => pid === postmaster || proc.ppid === postmaster));
}

const admin = createKysely<unknown>({ url: server.adminUrl, maxConnections: 1 });
const lines: string[] = [];
try {
  await sql`create extension if not exists pg_stat_statements`.execute(admin);
  const shown = await sql<{ name: string; setting: string; unit: string | null }>`
    select name, setting, unit from pg_settings
    where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_buffers', 'wal_compression', 'commit_delay', 'commit_siblings', 'wal_sync_method')
    order by name`.execute(admin);
  lines.push(`server: ${shown.rows.map((row) => `${row.name}=${row.setting}${row.unit === '8kB' ? '×8kB' : (row.unit ?? '')}`).join(' ')}`);
  const url = await createBenchSchema(server.adminUrl, 'bench_commit');
  const counted = countedOn('bench.commit.v1');
  let round = 0;
  for (const [label, pipelining] of [['before: BEGIN folded, 3 round trips', previousPipelining], ['now: 2 round trips, prepared', {}], ['before: BEGIN folded, 3 round trips', previousPipelining], ['now: 2 round trips, prepared', {}]] as [string, Pipelining][]) {
    const clock = new QueryClock();
    const db = connect(url, writers, clock, pipelining);
    await runWriters(200, writers, async (n) => void (await commitOne(db, counted, 100_000 * ++round + n)));
    await sql`select pg_stat_statements_reset()`.execute(admin);
    const warm = clock.statements();
    const warmTrips = clock.roundTrips(pipelining);
    const before = clusterProcesses();
    const node = process.cpuUsage();
    const started = performance.now();
    await runWriters(count, writers, async (n) => void (await commitOne(db, counted, 100_000 * round + 10_000 + n)));
    const seconds = (performance.now() - started) / 1000;
    const nodeUsed = process.cpuUsage(node);
    const after = clusterProcesses();
    await db.destroy();
    const per = (cpuSeconds: number) => ((cpuSeconds * 1e6) / count).toFixed(0).padStart(4);
    const used = { user: 0, system: 0, otherUser: 0, otherSystem: 0 };
    for (const [pid, proc] of after) {
      const was = before.get(pid);
      const user = proc.user - (was?.user ?? 0);
      const system = proc.system - (was?.system ?? 0);
      if (proc.client) {
        used.user += user;
        used.system += system;
      } else {
        used.otherUser += user;
        used.otherSystem += system;
      }
    }
    lines.push(
      `${label.padEnd(38)} ${Math.round(count / seconds).toLocaleString('en-US').padStart(6)}/s  load ${load()}`,
      `   CPU ms per 1,000 commits: Node user ${per(nodeUsed.user / 1e6)} system ${per(nodeUsed.system / 1e6)}; Postgres backends user ${per(used.user)} system ${per(used.system)}; other Postgres processes ${per(used.otherUser + used.otherSystem)}`,
      `   per commit: ${((clock.statements() - warm) / count).toFixed(2)} statements, ${((clock.roundTrips(pipelining) - warmTrips) / count).toFixed(2)} round trips`,
    );
    const statements = await sql<{ query: string; calls: number; plan: number; exec: number }>`
      select left(regexp_replace(query, '\\s+', ' ', 'g'), 60) as query, calls::int, total_plan_time as plan, total_exec_time as exec
      from pg_stat_statements where calls >= ${count / 2} order by total_exec_time desc`.execute(admin);
    for (const row of statements.rows) {
      lines.push(`   ${row.query.padEnd(60)} µs per call: plan ${((row.plan * 1000) / row.calls).toFixed(0).padStart(3)}, execute ${((row.exec * 1000) / row.calls).toFixed(0).padStart(3)}`);
    }
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await admin.destroy();
  await server.stop();
  await rm(dataParent, { recursive: true, force: true });
}
console.log(`\nCommit cost: ${count.toLocaleString('en-US')} commits a round, ${writers} writers, ${durable ? 'durable cluster (as pnpm dev)' : 'throw-away cluster (as the other benches)'}; load at end ${load()}`);
for (const line of lines) console.log(line);
process.exit(0);
