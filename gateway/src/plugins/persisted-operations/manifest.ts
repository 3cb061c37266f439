import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { sha256 } from '../../prepared-documents.ts';

/**
 * Apollo's persisted query manifest format: the operations a client may send, each by
 * its id, the SHA-256 of its exact body (what the client sends as
 * `extensions.persistedQuery.sha256Hash`).
 */
const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(z.object({ id: z.string().regex(/^[0-9a-f]{64}$/), name: z.string(), type: z.enum(['query', 'mutation', 'subscription']), body: z.string() })),
});

export type PersistedManifest = z.infer<typeof manifestSchema>;

/** Trusted documents by id. */
export type TrustedDocuments = ReadonlyMap<string, string>;

/** Reads and checks a manifest: every id must be the hash of its body, or the file is refused whole. */
export function trustedDocumentsOf(manifest: unknown): TrustedDocuments {
  const parsed = manifestSchema.parse(manifest);
  const documents = new Map<string, string>();
  for (const operation of parsed.operations) {
    if (sha256(operation.body) !== operation.id) throw new Error(`persisted operation ${operation.name}: its id is not the SHA-256 of its body`);
    documents.set(operation.id, operation.body);
  }
  return documents;
}

export function readTrustedDocuments(path: string): TrustedDocuments {
  return trustedDocumentsOf(JSON.parse(readFileSync(path, 'utf8')));
}
