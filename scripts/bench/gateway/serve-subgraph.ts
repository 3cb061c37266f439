/**
 * One subgraph of the workload in its own process: `node serve-subgraph.ts <name>`.
 * Prints `LISTENING <url>`; `GET /stats` answers how many GraphQL calls it served.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { serveSchema } from './subgraph-http.ts';
import { benchSubgraphs } from './subgraphs.ts';

const name = process.argv[2];
const definition = benchSubgraphs.find((subgraph) => subgraph.name === name);
if (!definition) throw new Error(`no bench subgraph named ${name}`);
const server = await serveSchema(buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers }]));
process.stdout.write(`LISTENING ${server.url}\n`);
process.on('SIGTERM', () => process.exit(0));
