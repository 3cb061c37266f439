/**
 * `pnpm bench:gateway [--rounds 3] [--seconds 10] [--connections 50] [--warmup 2]
 *  [--gateways stock,hive,hive-nodedup,jobgraph,…] (a Jobgraph row may carry its own node flags: 'jobgraph@--max-semi-space-size=16 --heap-growing-percent=50') [--floor-seconds 5] [--cpu-prof DIR]
 *  [--jobgraph-node-flags='--max-semi-space-size=32 --heap-growing-percent=50'] (Jobgraph's rows; default: as deployed, gatewayNodeFlags)
 *  [--workload federation|dashboard [--requests 500]]`
 *
 * The standard federation gateway workload (four Federation 2 subgraphs — accounts,
 * products, inventory with @requires, reviews with @provides — serving static data, and
 * the heavy nested query), each subgraph and each gateway in its own process. Every
 * gateway's answer is checked against the one computed from the data; under load every
 * response must repeat it byte for byte (else it counts as an error). Gateways alternate
 * in rounds; the table shows the median of the rounds, and a floor: the same plan
 * executed with no HTTP server around it.
 *
 * Like with like: every gateway runs plain JavaScript, none pays Node's TypeScript stripper.
 * Jobgraph's rows run the gateway's production bundle as the image does (`node
 * gateway/dist/main.js`, built from the sources when the bench starts, configured by
 * environment alone); stock and Hive run `gateway-process.mjs`. Jobgraph's rows raise only
 * the per-IP and per-caller request rates, the cost budget and the cost ceiling, so the
 * bench's one client and its deep query are not refused (still priced and counted).
 */
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkAnswer, gatewayBundle, gatewayKinds, measure, measureFloor, medianMeasurement, optionalGatewayKinds, startBenchGateway, startFederationWorkload, warmUp, type GatewayKind, type Measurement } from './workload.ts';
import { treeRssBytes } from '../proc.ts';
import type { Started } from './processes.ts';

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '2' },
    gateways: { type: 'string', default: gatewayKinds.join(',') },
    'floor-seconds': { type: 'string', default: '5' },
    'cpu-prof': { type: 'string' },
    /** Node flags of Jobgraph's rows instead of the deployed ones (gateway/src/config.ts gatewayNodeFlags); '' for node's defaults. */
    'jobgraph-node-flags': { type: 'string' },
    workload: { type: 'string', default: 'federation' },
    /** Dashboard workload: answers per gateway per round. */
    requests: { type: 'string', default: '500' },
  },
});
if (flags.workload === 'dashboard') {
  const { runDashboardWorkload } = await import('./dashboard.ts');
  await runDashboardWorkload({ rounds: Number(flags.rounds), requests: Number(flags.requests), connections: Number(flags.connections), warmup: Number(flags.warmup) });
  process.exit(0);
}
if (flags.workload !== 'federation') throw new Error(`unknown workload ${flags.workload}: federation or dashboard`);
const rounds = Number(flags.rounds);
const seconds = Number(flags.seconds);
const connections = Number(flags.connections);
// A row is a gateway kind, or a Jobgraph kind with its own node flags: `jobgraph@--max-semi-space-size=16 --heap-growing-percent=50`.
const kinds = flags.gateways.split(',').map((row) => row.trim());
const kindOf = (row: string) => row.split('@')[0] as GatewayKind;
const rowNodeFlags = (row: string) => (row.includes('@') ? row.slice(row.indexOf('@') + 1).split(' ').filter(Boolean) : undefined);
const knownKinds: readonly GatewayKind[] = [...gatewayKinds, ...optionalGatewayKinds];
for (const kind of kinds.map(kindOf)) if (!knownKinds.includes(kind)) throw new Error(`unknown gateway ${kind}; choose from ${knownKinds.join(', ')}`);

console.log(`gateway bench: ${new Date().toISOString()}, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`);
console.log(`${rounds} rounds × ${seconds} s per gateway, ${connections} connections, gateways: ${kinds.join(', ')}`);
if (kinds.some((kind) => kind.startsWith('jobgraph'))) {
  const built = await gatewayBundle();
  console.log(`every row plain JavaScript: Jobgraph's rows run ${path.relative(process.cwd(), built.entry)} (built now, ${(built.bytes / 1024).toFixed(0)} kB), stock and Hive gateway-process.mjs`);
}
const workload = await startFederationWorkload();
const gateways = new Map<string, Started>();
const checks = new Map<string, (body: string) => boolean>();
const results = new Map<string, Measurement[]>();
/** RSS of each gateway's process tree once started and after its first answer, before any load. */
const idleRss = new Map<string, number>();
try {
  for (const kind of kinds) {
    const profile = kind.startsWith('jobgraph') && flags['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${flags['cpu-prof']}`] : [];
    const jobgraphNodeFlags = rowNodeFlags(kind) ?? flags['jobgraph-node-flags']?.split(' ').filter(Boolean);
    const gateway = await startBenchGateway(kindOf(kind), workload, { nodeArgs: profile, ...(jobgraphNodeFlags ? { jobgraphNodeFlags } : {}) });
    gateways.set(kind, gateway);
    checks.set(kind, await checkAnswer(gateway.value));
    idleRss.set(kind, treeRssBytes(gateway.pid));
    console.log(`${kind}: correct answer at ${gateway.value}, pid ${gateway.pid}, idle RSS ${((idleRss.get(kind) ?? 0) / 2 ** 20).toFixed(0)} MB`);
    await warmUp(gateway.value, { seconds: Number(flags.warmup), connections });
  }
  for (let round = 1; round <= rounds; round += 1) {
    for (const kind of kinds) {
      const gateway = gateways.get(kind)!;
      const result = await measure(gateway.value, gateway.pid, workload, { seconds, connections, verifyBody: checks.get(kind)! });
      results.set(kind, [...(results.get(kind) ?? []), result]);
      console.log(`round ${round} ${kind.padEnd(13)} ${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms  errors ${result.errors}`);
    }
  }
} finally {
  await Promise.all([...gateways.values()].map((gateway) => gateway.stop()));
}
const floorSeconds = Number(flags['floor-seconds']);
const floor = floorSeconds > 0 ? await measureFloor(workload, floorSeconds, connections) : null;
await workload.stop();

const medians = new Map([...results].map(([kind, rounds]) => [kind, medianMeasurement(rounds)]));
const stock = medians.get('stock')?.requestsPerSecond;
const rows = [['gateway', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'idle RSS MB', 'peak RSS MB', 'peak ÷ stock', 'CPU ms/req', 'subgraph calls/query', '× stock']];
const stockPeak = medians.get('stock')?.peakRssBytes;
for (const [kind, m] of medians) {
  rows.push([kind, m.requestsPerSecond.toFixed(0), m.p50Ms.toFixed(0), m.p99Ms.toFixed(0), String(m.errors), ((idleRss.get(kind) ?? 0) / 2 ** 20).toFixed(0), (m.peakRssBytes / 2 ** 20).toFixed(0), stockPeak ? (m.peakRssBytes / stockPeak).toFixed(2) : '-', m.gatewayCpuMsPerRequest.toFixed(1), m.subgraphCallsPerQuery.toFixed(2), stock ? (m.requestsPerSecond / stock).toFixed(2) : '-']);
}
if (floor !== null) rows.push(['floor (plan, no server)', floor.toFixed(0), '-', '-', '-', '-', '-', '-', '-', '-', stock ? (floor / stock).toFixed(2) : '-']);
console.log(`\nmedian of ${rounds} rounds (load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}):\n`);
console.log(markdownTable(rows));

function markdownTable(table: readonly (readonly string[])[]): string {
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(table[0]!), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...table.slice(1).map(line)].join('\n');
}
