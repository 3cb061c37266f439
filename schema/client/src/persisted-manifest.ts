import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { ApolloClient, ApolloLink } from '@apollo/client';
import { print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { Observable } from 'rxjs';
import { createJobgraphCache } from './create-cache.ts';

export interface PersistedOperation {
  readonly id: string;
  readonly name: string;
  readonly type: 'query' | 'mutation' | 'subscription';
  readonly body: string;
}

/** Apollo's persisted query manifest: what the gateway's trusted documents are read from. */
export interface PersistedManifest {
  readonly format: 'apollo-persisted-query-manifest';
  readonly version: 1;
  readonly operations: readonly PersistedOperation[];
}

export const persistedManifestPath = new URL('../persisted-operations.json', import.meta.url);

/**
 * Every operation in `src/operations/`, with the exact body this client sends for it:
 * each document is run once through an Apollo Client with Jobgraph's cache (which adds
 * `__typename` and the like) and a link that records what would go on the wire. The id
 * is the SHA-256 of that body, as the persisted query link sends it.
 */
export async function buildPersistedManifest(): Promise<PersistedManifest> {
  const documents: DocumentNode[] = [];
  const folder = new URL('./operations/', import.meta.url);
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts')).sort()) {
    const module = (await import(new URL(file, folder).href)) as Record<string, unknown>;
    for (const value of Object.values(module)) if (isDocument(value)) documents.push(value);
  }
  const sent = new Map<string, PersistedOperation>();
  const recorder = new ApolloLink((operation) => {
    const body = print(operation.query);
    const definition = operation.query.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    sent.set(body, { id: createHash('sha256').update(body).digest('hex'), name: operation.operationName ?? '', type: definition?.operation ?? 'query', body });
    return new Observable((observer) => {
      observer.next({ data: null });
      observer.complete();
    });
  });
  const client = new ApolloClient({ link: recorder, cache: createJobgraphCache() });
  for (const document of documents) {
    const definition = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    if (definition?.operation === 'mutation') await client.mutate({ mutation: document }).catch(() => undefined);
    else await client.query({ query: document, fetchPolicy: 'no-cache' }).catch(() => undefined);
  }
  client.stop();
  const operations = [...sent.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

export function printManifest(manifest: PersistedManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function isDocument(value: unknown): value is DocumentNode {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Document';
}
