/**
 * One subgraph of the workload in its own process: `node serve-subgraph.ts <name>`.
 * Plain node:http around @apollo/subgraph's schema and graphql-js; parsed documents are
 * reused. Prints `LISTENING <url>`; `GET /stats` answers how many GraphQL calls it served.
 */
import { createServer } from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, validate, type DocumentNode } from 'graphql';
import { benchSubgraphs } from './subgraphs.ts';

const name = process.argv[2];
const definition = benchSubgraphs.find((subgraph) => subgraph.name === name);
if (!definition) throw new Error(`no bench subgraph named ${name}`);
const schema = buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers }]);
const documents = new Map<string, DocumentNode>();
let calls = 0;

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/stats') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ calls }));
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    calls += 1;
    let body: { query?: string; variables?: Record<string, unknown>; operationName?: string };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      response.writeHead(400, { 'content-type': 'application/json' }).end('{"errors":[{"message":"bad JSON"}]}');
      return;
    }
    const query = body.query ?? '';
    let document = documents.get(query);
    if (!document) {
      try {
        document = parse(query);
      } catch (error) {
        response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: (error as Error).message }] }));
        return;
      }
      const errors = validate(schema, document);
      if (errors.length > 0) {
        response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors }));
        return;
      }
      documents.set(query, document);
    }
    const result = execute({ schema, document, variableValues: body.variables ?? {}, operationName: body.operationName ?? null });
    Promise.resolve(result).then((answer) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  process.stdout.write(`LISTENING http://127.0.0.1:${address.port}/graphql\n`);
});
process.on('SIGTERM', () => process.exit(0));
