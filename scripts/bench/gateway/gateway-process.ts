/**
 * One gateway of the comparison in its own process: `node gateway-process.ts <kind>`, with
 * the supergraph file in BENCH_SUPERGRAPH and the subgraph URLs (JSON) in
 * BENCH_SUBGRAPH_URLS. Prints `READY <url>` once it answers.
 *   stock          @apollo/gateway in @apollo/server's standalone server
 *   hive           Hive Gateway, defaults (it deduplicates identical in-flight subgraph queries)
 *   hive-nodedup   Hive Gateway with that deduplication off
 *   jobgraph       Jobgraph's gateway with its production settings: every edge control on,
 *                  GATEWAY_WORKERS' default (one process; BENCH_JOBGRAPH_WORKERS overrides),
 *                  identical in-flight queries of one principal sharing a subgraph call, at most
 *                  MAX_IN_FLIGHT_OPERATIONS' default executing (BENCH_JOBGRAPH_MAX_IN_FLIGHT overrides)
 *   jobgraph-unqueued   the same with no in-flight operation limit (every arrival executes at once)
 *   jobgraph-v8defaults the same started with node's defaults instead of the gateway's node
 *                  flags (gatewayNodeFlags: the young generation's size)
 *   jobgraph-cluster    the same on one worker per core (GATEWAY_WORKERS=0)
 *   jobgraph-1     the same in one process, whatever the default
 *   jobgraph-1-nodedup  one process, that sharing off
 *   jobgraph-1-fetch    one process, no sharing, no in-flight limit, subgraph calls over
 *                  WHATWG fetch: the gateway as it was before the performance work (issue 13)
 */
import cluster from 'node:cluster';
import { readFileSync, writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { availableParallelism } from 'node:os';
import type { InternalKeyPair } from '@jobgraph/kit/internal-token';
import { unthrottled } from '../unthrottled.ts';

// Each kind imports only its own gateway's code, so no process carries another's modules in its RSS.
// Imported by name at run time: its type declarations pull in another @types/node than the repo's.
const hiveGateway = '@graphql-hive/gateway';
interface HiveGateway {
  createGatewayRuntime(config: Record<string, unknown>): (request: IncomingMessage, response: ServerResponse) => void;
}

const kind = process.argv[2];
const supergraphSdl = readFileSync(process.env.BENCH_SUPERGRAPH ?? '', 'utf8');
const subgraphUrls = JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? '{}') as Record<string, string>;

async function start(): Promise<string> {
  switch (kind) {
    case 'stock': {
      const { ApolloGateway } = await import('@apollo/gateway');
      const { ApolloServer } = await import('@apollo/server');
      const { startStandaloneServer } = await import('@apollo/server/standalone');
      const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
      const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
      return new URL('/graphql', url).toString();
    }
    case 'hive':
    case 'hive-nodedup': {
      const { createGatewayRuntime } = (await import(hiveGateway)) as HiveGateway;
      const runtime = createGatewayRuntime({
        supergraph: supergraphSdl,
        logging: false,
        ...(kind === 'hive-nodedup' ? { transportEntries: { '*': { options: { deduplicateInflightRequests: false } } } } : {}),
      });
      const server = createServer(runtime);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      if (!address || typeof address === 'string') throw new Error('no port');
      return `http://127.0.0.1:${address.port}/graphql`;
    }
    case 'jobgraph':
    case 'jobgraph-unqueued':
    case 'jobgraph-v8defaults':
    case 'jobgraph-cluster':
    case 'jobgraph-1':
    case 'jobgraph-1-nodedup':
    case 'jobgraph-1-fetch': {
      const { serveClustered } = await import('@jobgraph/gateway/http/cluster');
      const { defaultGatewayWorkers, gatewayWorkers } = await import('@jobgraph/gateway/config');
      const workers = kind.startsWith('jobgraph-1') ? 1 : kind === 'jobgraph-cluster' ? availableParallelism() : gatewayWorkers(Number(process.env.BENCH_JOBGRAPH_WORKERS ?? defaultGatewayWorkers));
      // Every worker signs with the same key, as deployed workers share INTERNAL_TOKEN_PRIVATE_JWK.
      if (!process.env.BENCH_INTERNAL_KEYS) {
        const { generateInternalKeyPair } = await import('@jobgraph/kit/internal-token');
        process.env.BENCH_INTERNAL_KEYS = JSON.stringify(await generateInternalKeyPair());
      }
      const keys = JSON.parse(process.env.BENCH_INTERNAL_KEYS) as InternalKeyPair;
      // The primary only forks: the gateway's modules load in the workers.
      const served = await serveClustered(workers, async () => (await import('@jobgraph/gateway/start-gateway')).startGateway({ ...(await jobgraphProductionOptions(keys.privateJwk)), dedupeSubgraphCalls: !kind.endsWith('-nodedup') && !kind.endsWith('-fetch'), subgraphTransport: kind === 'jobgraph-1-fetch' ? 'fetch' : 'request' }));
      return served.url;
    }
    default:
      throw new Error(`unknown gateway kind ${kind}`);
  }
}

/**
 * What main.ts deploys: every edge control in the chain, the request log at `info`.
 * The per-IP and per-caller request limits, the cost ceiling and the cost budget are
 * raised so the benchmark's one address and its deep query are not refused; they are
 * still priced and counted on every request.
 */
async function jobgraphProductionOptions(privateJwk: InternalKeyPair['privateJwk']) {
  const { createLocalJWKSet } = await import('jose');
  const { createAccessTokenVerifier } = await import('@jobgraph/gateway/auth/access-token-verifier');
  const { createInternalTokenSigner } = await import('@jobgraph/kit/internal-token');
  const { createLogger } = await import('@jobgraph/kit/logger');
  return {
    supergraphSdl,
    subgraphUrls,
    accessTokens: createAccessTokenVerifier(createLocalJWKSet({ keys: [] })),
    internalTokens: createInternalTokenSigner(privateJwk),
    logger: createLogger('gateway', process.env.BENCH_LOG_LEVEL ?? 'info'),
    port: 0,
    rateLimits: unthrottled.rateLimits,
    // The workload's query prices at far more than the deployed ceiling (lists assumed 20 long, nested four deep).
    demandControl: { ...unthrottled.demandControl, maxOperationCost: 1e12 },
    // The production in-flight limit; none for jobgraph-unqueued and jobgraph-1-fetch (the gateway before that work); or BENCH_JOBGRAPH_MAX_IN_FLIGHT's (to measure others).
    ...(kind === 'jobgraph-unqueued' || kind === 'jobgraph-1-fetch' ? { admission: { maxInFlight: Number.MAX_SAFE_INTEGER } } : process.env.BENCH_JOBGRAPH_MAX_IN_FLIGHT ? { admission: { maxInFlight: Number(process.env.BENCH_JOBGRAPH_MAX_IN_FLIGHT) } } : {}),
  };
}

const url = await start();
if (cluster.isPrimary) process.stdout.write(`READY ${url}\n`);
const heapReport = process.env.BENCH_HEAP_REPORT ? sampleHeap(`${process.env.BENCH_HEAP_REPORT}.${kind}.${process.pid}.json`) : null;
process.on('SIGTERM', () => {
  heapReport?.();
  process.exit(0);
});

/**
 * BENCH_HEAP_REPORT=<path prefix>: samples this process's memory every 100 ms and, at exit,
 * writes the V8 heap spaces, external memory and array buffers at the moment RSS peaked
 * (what the peak is made of; BENCHMARKS.md, gateway memory).
 */
function sampleHeap(path: string): () => void {
  const mb = (bytes: number) => Math.round(bytes / 104857.6) / 10;
  let peak: Record<string, number> = { rss: 0 };
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    if (usage.rss <= (peak.rss ?? 0) * 1048576) return;
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, mb(space.space_size)]));
    peak = { rss: mb(usage.rss), heapTotal: mb(usage.heapTotal), heapUsed: mb(usage.heapUsed), external: mb(usage.external), arrayBuffers: mb(usage.arrayBuffers), ...spaces };
  }, 100);
  timer.unref();
  return () => writeFileSync(path, JSON.stringify(peak));
}
