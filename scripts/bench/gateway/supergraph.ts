import { composeServices } from '@apollo/composition';
import { benchSubgraphs } from './subgraphs.ts';

/** The workload's supergraph, composed from the four subgraphs' SDL at the URLs they listen on. */
export function composeBenchSupergraph(urls: Readonly<Record<string, string>>): string {
  const result = composeServices(benchSubgraphs.map((subgraph) => ({ name: subgraph.name, typeDefs: subgraph.typeDefs, url: urls[subgraph.name] ?? '' })));
  if (result.errors) throw new Error(`composition failed: ${result.errors.map((error) => error.message).join('; ')}`);
  return result.supergraphSdl;
}
