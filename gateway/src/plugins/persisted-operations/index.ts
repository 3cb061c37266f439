import { EdgeRefusal, type EdgeCall, type EdgePlugin, type Endpoint } from '../../edge.ts';
import { sha256 } from '../../prepared-documents.ts';
import { boundedCache } from './bounded-cache.ts';
import type { TrustedDocuments } from './manifest.ts';

export interface PersistedOperationsOptions {
  /** The trusted documents (built by `pnpm persisted:build`), usable by id on both graphs. */
  readonly trusted: TrustedDocuments;
  /** Graphs that run trusted documents only: every other operation is refused. */
  readonly trustedOnly: ReadonlySet<Endpoint>;
  /** Automatic persisted queries (first-party clients register a query by sending it once with its hash). */
  readonly apq: { readonly endpoints: ReadonlySet<Endpoint>; readonly maxEntries: number; readonly maxBytes: number };
}

interface PersistedQueryExtension {
  readonly version: number;
  readonly sha256Hash: string;
}

/**
 * Persisted operations at the edge, before any other check sees the document:
 * - Automatic persisted queries (Apollo's protocol): a request carrying only
 *   `extensions.persistedQuery.sha256Hash` runs the query registered under that hash, or
 *   is answered PERSISTED_QUERY_NOT_FOUND (the client then sends it with the query,
 *   which registers it once every edge check has passed). Bounded LRU, per gateway.
 * - Trusted documents: ids from the manifest resolve on every graph; on a graph that
 *   requires them, an unknown id is refused PERSISTED_QUERY_NOT_IN_LIST and a query
 *   text that is not in the manifest QUERY_NOT_IN_SAFELIST.
 * The resolved query then goes through every other control like any other.
 */
export function persistedOperations(options: PersistedOperationsOptions): EdgePlugin {
  const registered = boundedCache(options.apq);
  const apqOn = (call: EdgeCall) => options.apq.endpoints.has(call.endpoint) && !options.trustedOnly.has(call.endpoint);
  return {
    name: 'persisted-operations',
    onBody(call) {
      const extension = persistedQueryOf(call);
      const trustedOnly = options.trustedOnly.has(call.endpoint);
      if (!extension) {
        if (trustedOnly && call.operation.query !== undefined && !options.trusted.has(sha256(call.operation.query))) {
          throw new EdgeRefusal(400, 'QUERY_NOT_IN_SAFELIST', 'This graph runs trusted documents only; this operation is not one of them.');
        }
        return;
      }
      const { query } = call.operation;
      if (query !== undefined) {
        if (sha256(query) !== extension.sha256Hash) throw new EdgeRefusal(400, 'PERSISTED_QUERY_HASH_MISMATCH', 'The sha256Hash given is not the SHA-256 of the query sent.');
        if (trustedOnly && !options.trusted.has(extension.sha256Hash)) throw new EdgeRefusal(400, 'QUERY_NOT_IN_SAFELIST', 'This graph runs trusted documents only; this operation is not one of them.');
        return;
      }
      const known = options.trusted.get(extension.sha256Hash) ?? (apqOn(call) ? registered.get(extension.sha256Hash) : undefined);
      if (known !== undefined) {
        call.operation.query = known;
        return;
      }
      if (apqOn(call)) throw new EdgeRefusal(200, 'PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound');
      throw new EdgeRefusal(400, 'PERSISTED_QUERY_NOT_IN_LIST', 'No trusted document has this id.');
    },
    onOperation(call) {
      // Last of the controls: a query is registered only once everything else let it through.
      const extension = persistedQueryOf(call);
      if (!extension) return;
      if (apqOn(call) && call.operation.query !== undefined && !options.trusted.has(extension.sha256Hash)) registered.set(extension.sha256Hash, call.operation.query);
      // Apollo is handed the query itself: the protocol is the edge's alone.
      const { persistedQuery: _handled, ...rest } = call.operation.extensions ?? {};
      call.operation.extensions = rest;
    },
  };
}

/** The APQ extension, checked; the rest of `extensions` is left for Apollo. */
function persistedQueryOf(call: EdgeCall): PersistedQueryExtension | null {
  const value = call.operation.extensions?.persistedQuery;
  if (value === undefined) return null;
  const extension = value as Partial<PersistedQueryExtension> | null;
  if (typeof extension !== 'object' || extension === null || extension.version !== 1) {
    throw new EdgeRefusal(400, 'PERSISTED_QUERY_NOT_SUPPORTED', 'Only version 1 of the persisted query protocol is supported.');
  }
  if (typeof extension.sha256Hash !== 'string' || !/^[0-9a-f]{64}$/.test(extension.sha256Hash)) throw new EdgeRefusal(400, 'BAD_REQUEST', '`extensions.persistedQuery.sha256Hash` must be a lower-case SHA-256 hex digest.');
  return { version: 1, sha256Hash: extension.sha256Hash };
}
