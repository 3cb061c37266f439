import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { subgraphModules } from './subgraph-modules.ts';

export const supergraphPath = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

export type Composition = { readonly ok: true; readonly supergraphSdl: string; readonly hints: readonly string[] } | { readonly ok: false; readonly errors: readonly string[] };

/**
 * Composes the five subgraph SDL files into the supergraph. The routing URLs are the
 * default local ports; a deployed gateway maps subgraph names to its own URLs.
 */
export function composeSupergraph(): Composition {
  const result = composeServices(
    subgraphModules.map((module) => ({
      name: module.name,
      url: `http://127.0.0.1:${module.defaultPort}/graphql`,
      typeDefs: parse(readFileSync(module.schemaPath, 'utf8')),
    })),
  );
  if (result.errors) return { ok: false, errors: result.errors.map((error) => error.message) };
  return { ok: true, supergraphSdl: result.supergraphSdl, hints: result.hints.map((hint) => hint.toString()) };
}

export function committedSupergraph(): string | null {
  try {
    return readFileSync(supergraphPath, 'utf8');
  } catch {
    return null;
  }
}
