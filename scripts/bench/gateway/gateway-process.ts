/**
 * One gateway of the comparison in its own process: `node gateway-process.ts <kind>`, with
 * the supergraph file in BENCH_SUPERGRAPH and the subgraph URLs (JSON) in
 * BENCH_SUBGRAPH_URLS. Prints `READY <url>` once it answers.
 *   stock          @apollo/gateway in @apollo/server's standalone server
 *   hive           Hive Gateway, defaults (it deduplicates identical in-flight subgraph queries)
 *   hive-nodedup   Hive Gateway with that deduplication off
 *   jobgraph       Jobgraph's gateway with its production settings: every edge control on,
 *                  GATEWAY_WORKERS' default (one process; BENCH_JOBGRAPH_WORKERS overrides),
 *                  identical in-flight queries of one principal sharing a subgraph call
 *   jobgraph-v8defaults the same started with node's defaults instead of the gateway's node
 *                  flags (gatewayNodeFlags: the young generation's size)
 *   jobgraph-cluster    the same on one worker per core (GATEWAY_WORKERS=0)
 *   jobgraph-1     the same in one process, whatever the default
 *   jobgraph-1-nodedup  one process, that sharing off
 *   jobgraph-1-fetch    one process, no sharing, subgraph calls over WHATWG fetch: the
 *                  gateway as it was before the performance work (issue 13)
 */
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
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
  };
}

const url = await start();
if (cluster.isPrimary) process.stdout.write(`READY ${url}\n`);
process.on('SIGTERM', () => process.exit(0));
