import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { DocumentNode, GraphQLSchema } from 'graphql';

// The CommonJS graphql that @apollo/subgraph builds schemas with: under a bundler-style
// resolver (vitest) an ESM import would load a second copy that refuses those schemas.
const { execute, parse, validate } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

export interface SubgraphServer {
  readonly url: string;
  /** GraphQL calls served so far. */
  calls(): number;
  stop(): Promise<void>;
}

/**
 * A subgraph schema served over plain node:http: JSON POST in, graphql-js execution,
 * parsed documents reused; `GET /stats` answers `{ calls }`. `delayMs` holds every
 * answer back that long (a slow subgraph).
 */
export function serveSchema(schema: GraphQLSchema, options: { delayMs?: number } = {}): Promise<SubgraphServer> {
  const documents = new Map<string, DocumentNode>();
  let calls = 0;
  const answer = (response: ServerResponse, status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const handle = (request: IncomingMessage, response: ServerResponse, raw: string) => {
    calls += 1;
    let body: { query?: string; variables?: Record<string, unknown>; operationName?: string };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return answer(response, 400, { errors: [{ message: 'bad JSON' }] });
    }
    const query = body.query ?? '';
    let document = documents.get(query);
    if (!document) {
      try {
        document = parse(query);
      } catch (error) {
        return answer(response, 400, { errors: [{ message: (error as Error).message }] });
      }
      const errors = validate(schema, document);
      if (errors.length > 0) return answer(response, 400, { errors });
      documents.set(query, document);
    }
    const run = () => Promise.resolve(execute({ schema, document, variableValues: body.variables ?? {}, operationName: body.operationName ?? null })).then((result) => answer(response, 200, result));
    if (options.delayMs) setTimeout(run, options.delayMs);
    else void run();
  };
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/stats') return answer(response, 200, { calls });
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address === 'string') throw new Error('no port');
      resolve({
        url: `http://127.0.0.1:${address.port}/graphql`,
        calls: () => calls,
        stop: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
