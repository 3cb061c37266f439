// @ts-check
/**
 * The comparison's other gateways, each in its own process: `node gateway-process.mjs <kind>`,
 * with the supergraph file in BENCH_SUPERGRAPH. Prints `READY <url>` once it answers.
 *   stock          @apollo/gateway in @apollo/server's standalone server, defaults
 *   hive           Hive Gateway, defaults (it deduplicates identical in-flight subgraph queries)
 *   hive-nodedup   Hive Gateway with that deduplication off
 * Plain JavaScript, as Jobgraph's rows run its built bundle (gateway/dist/main.js): no row
 * pays Node's TypeScript stripper (about 18 MB of RSS) for its harness. Each kind imports
 * only its own gateway's packages, so no process carries another's modules in its RSS.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const kind = process.argv[2];
const supergraphSdl = readFileSync(process.env.BENCH_SUPERGRAPH ?? '', 'utf8');

/** @returns {Promise<string>} the gateway's GraphQL URL */
async function start() {
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
      const { createGatewayRuntime } = await import('@graphql-hive/gateway');
      const runtime = createGatewayRuntime({
        supergraph: supergraphSdl,
        logging: false,
        ...(kind === 'hive-nodedup' ? { transportEntries: { '*': { options: { deduplicateInflightRequests: false } } } } : {}),
      });
      const server = createServer(runtime);
      await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
      const address = server.address();
      if (!address || typeof address === 'string') throw new Error('no port');
      return `http://127.0.0.1:${address.port}/graphql`;
    }
    default:
      throw new Error(`unknown gateway kind ${kind}: stock, hive or hive-nodedup (Jobgraph's rows run gateway/dist/main.js)`);
  }
}

process.stdout.write(`READY ${await start()}\n`);
process.on('SIGTERM', () => process.exit(0));
