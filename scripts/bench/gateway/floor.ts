/**
 * The floor: the workload's query plan executed by @apollo/gateway with no HTTP server
 * around it (no request parsing, no response serialisation to a socket), 50 operations
 * in flight, subgraphs called over HTTP as usual. `node floor.ts <seconds> <concurrency>`;
 * prints `FLOOR {"requests":…,"seconds":…}`.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import { parse } from 'graphql';
import { heavyQuery } from './query.ts';

const seconds = Number(process.argv[2] ?? 5);
const concurrency = Number(process.argv[3] ?? 50);
const gateway = new ApolloGateway({ supergraphSdl: readFileSync(process.env.BENCH_SUPERGRAPH ?? '', 'utf8') });
const { schema, executor } = await gateway.load();
const document = parse(heavyQuery);
const queryHash = createHash('sha256').update(heavyQuery).digest('hex');
const operation = document.definitions.find((definition) => definition.kind === 'OperationDefinition');

const once = async () => {
  const requestContext = {
    request: { query: heavyQuery, variables: {} },
    document,
    source: heavyQuery,
    queryHash,
    operation,
    operationName: 'TestQuery',
    schema,
    context: {},
    metrics: {},
    cache: undefined,
    logger: console,
    overallCachePolicy: undefined,
  };
  const result = await executor(requestContext as unknown as Parameters<typeof executor>[0]);
  if (result.errors?.length) throw new Error(`floor execution failed: ${JSON.stringify(result.errors)}`);
  // What any server must do with the result: turn it into bytes once.
  return JSON.stringify(result).length;
};

await once();
let requests = 0;
const until = performance.now() + seconds * 1000;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < until) {
      await once();
      requests += 1;
    }
  }),
);
process.stdout.write(`FLOOR ${JSON.stringify({ requests, seconds: (performance.now() - started) / 1000 })}\n`);
await gateway.stop();
