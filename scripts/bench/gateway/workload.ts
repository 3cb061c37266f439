import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { buildGateway, type GatewayBuild } from '@jobgraph/gateway/build';
import { defaultGatewayWorkers, gatewayEnvSchema, gatewayNodeFlags, gatewayWorkers } from '@jobgraph/gateway/config';
import { generateInternalKeyPair } from '@jobgraph/kit/internal-token';
import { unthrottled } from '../unthrottled.ts';
import { expectedAnswer } from './expected.ts';
import { treeCpuMs } from '../proc.ts';
import { rssPeak, startProcess, type Started } from './processes.ts';
import { heavyQuery } from './query.ts';
import { benchSubgraphs } from './subgraphs.ts';
import { composeBenchSupergraph } from './supergraph.ts';

const here = path.dirname(new URL(import.meta.url).pathname);

/** The gateways compared by default, in the order they run in each round. */
export const gatewayKinds = ['stock', 'hive', 'hive-nodedup', 'jobgraph', 'jobgraph-unqueued', 'jobgraph-v8defaults', 'jobgraph-cluster'] as const;
/**
 * Not run by default: `jobgraph-1`, one process whatever GATEWAY_WORKERS' default;
 * `jobgraph-sources`, the same production row run from the TypeScript sources
 * (`gateway/src/main.ts`, Node stripping types), as the image ran it before session 6.
 */
export const optionalGatewayKinds = ['jobgraph-1', 'jobgraph-sources'] as const;
export type GatewayKind = (typeof gatewayKinds)[number] | (typeof optionalGatewayKinds)[number];

export interface FederationWorkload {
  readonly supergraphPath: string;
  readonly subgraphUrls: Readonly<Record<string, string>>;
  /** GraphQL calls the subgraphs have served so far, all four summed. */
  subgraphCalls(): Promise<number>;
  stop(): Promise<void>;
}

/** The four subgraphs, each in its own process, and the supergraph composed over them (written to a file). */
export async function startFederationWorkload(): Promise<FederationWorkload> {
  const started = await Promise.all(benchSubgraphs.map((subgraph) => startProcess(path.join(here, 'serve-subgraph.ts'), [subgraph.name], 'LISTENING ')));
  const subgraphUrls = Object.fromEntries(benchSubgraphs.map((subgraph, index) => [subgraph.name, started[index]!.value]));
  const folder = mkdtempSync(path.join(tmpdir(), 'jobgraph-bench-gateway-'));
  const supergraphPath = path.join(folder, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeBenchSupergraph(subgraphUrls));
  return {
    supergraphPath,
    subgraphUrls,
    async subgraphCalls() {
      let total = 0;
      for (const url of Object.values(subgraphUrls)) {
        const response = await fetch(new URL('/stats', url));
        total += ((await response.json()) as { calls: number }).calls;
      }
      return total;
    },
    async stop() {
      await Promise.all(started.map((process) => process.stop()));
    },
  };
}

export interface GatewayProcessOptions {
  /** Extra node flags for the gateway process, e.g. --cpu-prof. */
  readonly nodeArgs?: readonly string[];
  /** Node flags of Jobgraph's rows instead of the deployed ones (gatewayNodeFlags), e.g. none to measure what they buy. */
  readonly jobgraphNodeFlags?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Every row runs plain JavaScript, so none pays Node's TypeScript stripper: Jobgraph's rows
 * the gateway's bundle as the image runs it (`gateway/dist/main.js`, built from the sources
 * at the bench's start: `pnpm gateway:build`), configured by environment alone; stock and
 * Hive `gateway-process.mjs`. With BENCH_HEAP_REPORT set, each loads `heap-sampler.mjs`.
 */
export async function startBenchGateway(kind: GatewayKind, workload: FederationWorkload, options: GatewayProcessOptions = {}): Promise<Started> {
  const sampler = process.env.BENCH_HEAP_REPORT ? ['--import', path.join(here, 'heap-sampler.mjs')] : [];
  const env = { BENCH_GATEWAY_KIND: kind, ...options.env };
  if (!kind.startsWith('jobgraph')) {
    return startProcess(path.join(here, 'gateway-process.mjs'), [kind], 'READY ', { env: { BENCH_SUPERGRAPH: workload.supergraphPath, ...env }, nodeArgs: [...sampler, ...(options.nodeArgs ?? [])] });
  }
  // Jobgraph's gateway starts with the node flags it is deployed with, except the row measuring node's defaults.
  const nodeFlags = kind === 'jobgraph-v8defaults' ? [] : (options.jobgraphNodeFlags ?? gatewayNodeFlags);
  const workers = kind === 'jobgraph-1' ? 1 : kind === 'jobgraph-cluster' ? availableParallelism() : gatewayWorkers(Number(process.env.BENCH_JOBGRAPH_WORKERS ?? defaultGatewayWorkers));
  let listening = 0;
  // Every worker logs `gateway listening` (one process: itself); the gateway is ready once all have.
  const ready = (line: string) => {
    const entry = (line.startsWith('{') ? JSON.parse(line) : {}) as { msg?: string; url?: string };
    return entry.msg === 'gateway listening' && entry.url && ++listening === workers ? entry.url : undefined;
  };
  const entry = kind === 'jobgraph-sources' ? fileURLToPath(new URL('../../../gateway/src/main.ts', import.meta.url)) : (await gatewayBundle()).entry;
  return startProcess(entry, [], ready, {
    env: { ...(await jobgraphEnv(kind, workload, workers)), ...env },
    inheritEnv: false,
    nodeArgs: [...nodeFlags, ...sampler, ...(options.nodeArgs ?? [])],
  });
}

let bundle: Promise<GatewayBuild> | undefined;
/** The gateway's bundle, built once per process from the current sources. */
export function gatewayBundle(): Promise<GatewayBuild> {
  bundle ??= buildGateway();
  return bundle;
}

let internalKeys: ReturnType<typeof generateInternalKeyPair> | undefined;

/**
 * Jobgraph's rows: the production environment of `gateway/dist/main.js` over the workload's
 * supergraph (also as its public contract, which the image always loads), every edge control
 * on, the request log at `info`, GATEWAY_WORKERS' and MAX_IN_FLIGHT_OPERATIONS' defaults
 * unless the row is about them. Raised so the bench's one client address and its deep query
 * are not refused (still priced and counted on every request): the per-IP and per-caller
 * request rates, the cost budget (scripts/bench/unthrottled.ts) and the cost ceiling.
 * EVENTS=off: no Kafka here, and revocations arrive off the request path. Nothing of the
 * bench's own environment reaches it (no REDIS_URL, OTLP endpoint or Kafka from a test run).
 */
async function jobgraphEnv(kind: GatewayKind, workload: FederationWorkload, workers: number): Promise<Record<string, string>> {
  internalKeys ??= generateInternalKeyPair();
  const gatewayVariables = new Set(Object.keys(gatewayEnvSchema.shape));
  const inherited = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !gatewayVariables.has(entry[0]) && !entry[0].startsWith('OTEL_')));
  const maxInFlight = kind === 'jobgraph-unqueued' ? '1000000000' : process.env.BENCH_JOBGRAPH_MAX_IN_FLIGHT;
  return {
    ...inherited,
    HOST: '127.0.0.1',
    PORT: '0',
    METRICS_PORT: '0',
    SUPERGRAPH_PATH: workload.supergraphPath,
    PUBLIC_SUPERGRAPH_PATH: workload.supergraphPath,
    INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify((await internalKeys).privateJwk),
    EVENTS: 'off',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    RATE_LIMIT_PER_IP_PER_MINUTE: String(unthrottled.rateLimits.perIp.requests),
    RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE: String(unthrottled.rateLimits.perPrincipal.requests),
    COST_BUDGET: String(unthrottled.demandControl.budgetCapacity),
    COST_REFILL_PER_SECOND: String(unthrottled.demandControl.budgetRefillPerSecond),
    // The workload's query prices at far more than the deployed ceiling (lists assumed 20 long, nested four deep).
    MAX_OPERATION_COST: '1000000000000',
    GATEWAY_WORKERS: String(workers),
    ...(maxInFlight ? { MAX_IN_FLIGHT_OPERATIONS: maxInFlight } : {}),
  };
}

export const requestBody = JSON.stringify({ query: heavyQuery, operationName: 'TestQuery' });

/**
 * Posts the workload's query once and checks the answer's data equals the one computed
 * from the data, with no errors (a gateway may add `extensions`, e.g. Jobgraph's cost).
 * Answers a check every response under load must pass: the same data, byte for byte.
 */
export async function checkAnswer(url: string, body: string = requestBody, expected = expectedAnswer(heavyQuery), headers: Record<string, string> = {}): Promise<(body: string) => boolean> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  const answer = JSON.parse(text) as { data?: unknown; errors?: unknown };
  if (response.status !== 200 || answer.errors !== undefined || !isDeepStrictEqual(answer.data, expected.data)) {
    throw new Error(`${url} answered ${response.status} with a wrong answer: ${text.slice(0, 500)}`);
  }
  const prefix = `{"data":${JSON.stringify(expected.data)}`;
  return (received) => received.startsWith(prefix) && (received[prefix.length] === '}' || received.startsWith(',"extensions":', prefix.length));
}

export interface Measurement {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Transport errors, timeouts, non-2xx answers and answers differing from the checked one. */
  readonly errors: number;
  readonly peakRssBytes: number;
  readonly subgraphCallsPerQuery: number;
  /** CPU time of the gateway's processes per request sent (a figure other load on the machine hardly moves). */
  readonly gatewayCpuMsPerRequest: number;
}

export interface LoadOptions {
  readonly seconds: number;
  /** Run until this many answers instead of for `seconds` (a fixed amount of work: never zero completed). */
  readonly amount?: number;
  readonly connections: number;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  readonly verifyBody: (body: string) => boolean;
  /** Count subgraph calls per query (waits for in-flight operations to finish before and after). */
  readonly countCalls?: boolean;
}

/** Load at `connections` for `seconds` with autocannon; peak RSS of the gateway's process tree sampled from /proc. */
export async function measure(url: string, pid: number, workload: Pick<FederationWorkload, 'subgraphCalls'>, options: LoadOptions): Promise<Measurement> {
  const counting = options.countCalls ?? true;
  const callsBefore = counting ? await settledCalls(workload) : 0;
  const rss = rssPeak(pid);
  const cpuBefore = treeCpuMs(pid);
  const result = await autocannon({
    url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body ?? requestBody,
    verifyBody: options.verifyBody,
    timeout: 10,
  });
  const peakRssBytes = rss.stop();
  // Requests still in flight when the run stops finish afterwards: wait for them, and count them as sent.
  const callsAfter = counting ? await settledCalls(workload) : 0;
  const cpuMs = treeCpuMs(pid) - cpuBefore;
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx + result.mismatches,
    peakRssBytes,
    subgraphCallsPerQuery: counting && result.requests.sent > 0 ? (callsAfter - callsBefore) / result.requests.sent : 0,
    gatewayCpuMsPerRequest: result.requests.sent > 0 ? cpuMs / result.requests.sent : 0,
  };
}

/** The subgraphs' call count once it has stopped moving (no operation in flight). */
async function settledCalls(workload: Pick<FederationWorkload, 'subgraphCalls'>): Promise<number> {
  let last = await workload.subgraphCalls();
  for (let attempt = 0; attempt < 100; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await workload.subgraphCalls();
    if (now === last) return now;
    last = now;
  }
  return last;
}

/** A short warm-up at the same concurrency (JIT, plan caches, connection pools), not counted. */
export async function warmUp(url: string, options: Pick<LoadOptions, 'seconds' | 'connections' | 'body' | 'headers'>): Promise<void> {
  if (options.seconds <= 0) return;
  await autocannon({ url, connections: options.connections, duration: options.seconds, method: 'POST', headers: { 'content-type': 'application/json', ...options.headers }, body: options.body ?? requestBody });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function medianMeasurement(rounds: readonly Measurement[]): Measurement {
  const pick = (key: keyof Measurement) => median(rounds.map((round) => round[key]));
  return {
    requestsPerSecond: pick('requestsPerSecond'),
    p50Ms: pick('p50Ms'),
    p99Ms: pick('p99Ms'),
    errors: rounds.reduce((sum, round) => sum + round.errors, 0),
    peakRssBytes: pick('peakRssBytes'),
    subgraphCallsPerQuery: pick('subgraphCallsPerQuery'),
    gatewayCpuMsPerRequest: pick('gatewayCpuMsPerRequest'),
  };
}

/** The floor process's figure: operations per second with no server around the plan. */
export async function measureFloor(workload: FederationWorkload, seconds: number, connections: number): Promise<number> {
  const floor = await startProcess(path.join(here, 'floor.ts'), [String(seconds), String(connections)], 'FLOOR ', { env: { BENCH_SUPERGRAPH: workload.supergraphPath }, timeoutMs: (seconds + 60) * 1000 });
  const { requests, seconds: took } = JSON.parse(floor.value) as { requests: number; seconds: number };
  await floor.stop();
  return requests / took;
}
