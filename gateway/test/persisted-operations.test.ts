import { describe, expect, it } from 'vitest';
import { anonymous } from '@jobgraph/kit';
import { EdgeRefusal, type EdgeCall, type Endpoint, type OperationRequest } from '../src/edge.ts';
import { boundedCache } from '../src/plugins/persisted-operations/bounded-cache.ts';
import { persistedOperations } from '../src/plugins/persisted-operations/index.ts';
import { trustedDocumentsOf } from '../src/plugins/persisted-operations/manifest.ts';
import { sha256 } from '../src/prepared-documents.ts';

const trustedBody = 'query Plans { plans { code } }';
const trusted = trustedDocumentsOf({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha256(trustedBody), name: 'Plans', type: 'query', body: trustedBody }] });

/** One request through the plugin's two hooks, as the gateway runs them; answers the refusal code or the query run. */
function send(plugin: ReturnType<typeof persistedOperations>, operation: OperationRequest, endpoint: Endpoint = 'internal'): { code: string; status: number } | { query: string | undefined; extensions: unknown } {
  const call = { endpoint, principal: anonymous, apiKeyId: null, operation: structuredClone(operation) } as unknown as EdgeCall;
  try {
    void plugin.onBody?.(call);
    if (call.operation.query !== undefined) void plugin.onOperation?.(call, { hash: '', document: { kind: 'Document', definitions: [] } as never, memo: new Map() });
    return { query: call.operation.query, extensions: call.operation.extensions };
  } catch (error) {
    if (error instanceof EdgeRefusal) return { code: error.code, status: error.status };
    throw error;
  }
}

const apqOf = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });
const plugin = (trustedOnly: Endpoint[] = [], maxEntries = 10) => persistedOperations({ trusted, trustedOnly: new Set(trustedOnly), apq: { endpoints: new Set<Endpoint>(['internal']), maxEntries, maxBytes: 10_000 } });

describe('automatic persisted queries', () => {
  it('asks for an unknown hash, registers the query sent with it, then runs it from the hash alone', () => {
    const apq = plugin();
    const query = '{ viewer { id } }';
    expect(send(apq, { extensions: apqOf(query) })).toEqual({ code: 'PERSISTED_QUERY_NOT_FOUND', status: 200 });
    expect(send(apq, { query, extensions: apqOf(query) })).toEqual({ query, extensions: {} });
    expect(send(apq, { extensions: apqOf(query) })).toEqual({ query, extensions: {} });
  });

  it('refuses a hash that is not the query’s, and another protocol version', () => {
    const apq = plugin();
    expect(send(apq, { query: '{ a }', extensions: apqOf('{ b }') })).toMatchObject({ code: 'PERSISTED_QUERY_HASH_MISMATCH' });
    expect(send(apq, { extensions: { persistedQuery: { version: 2, sha256Hash: sha256('{ a }') } } })).toMatchObject({ code: 'PERSISTED_QUERY_NOT_SUPPORTED' });
    expect(send(apq, { extensions: { persistedQuery: { version: 1, sha256Hash: 'not-hex' } } })).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('forgets the least recently used query beyond its bound', () => {
    const apq = plugin([], 2);
    for (const query of ['{ a }', '{ b }', '{ c }']) send(apq, { query, extensions: apqOf(query) });
    expect(send(apq, { extensions: apqOf('{ a }') })).toMatchObject({ code: 'PERSISTED_QUERY_NOT_FOUND' });
    expect(send(apq, { extensions: apqOf('{ c }') })).toMatchObject({ query: '{ c }' });
  });

  it('is not offered on the public graph, where ids come from the manifest only', () => {
    expect(send(plugin(), { extensions: apqOf('{ jobs { edges { cursor } } }') }, 'public')).toEqual({ code: 'PERSISTED_QUERY_NOT_IN_LIST', status: 400 });
    expect(send(plugin(), { extensions: apqOf(trustedBody) }, 'public')).toMatchObject({ query: trustedBody });
  });
});

describe('trusted documents', () => {
  it('on a graph that requires them, runs manifest operations by id or text and refuses anything else', () => {
    const strict = plugin(['public']);
    expect(send(strict, { extensions: apqOf(trustedBody) }, 'public')).toMatchObject({ query: trustedBody });
    expect(send(strict, { query: trustedBody }, 'public')).toMatchObject({ query: trustedBody });
    expect(send(strict, { query: '{ plans { code name } }' }, 'public')).toEqual({ code: 'QUERY_NOT_IN_SAFELIST', status: 400 });
    expect(send(strict, { extensions: apqOf('{ plans { name } }') }, 'public')).toEqual({ code: 'PERSISTED_QUERY_NOT_IN_LIST', status: 400 });
    expect(send(strict, { query: '{ plans { name } }' }, 'internal')).toMatchObject({ query: '{ plans { name } }' });
  });

  it('refuses a manifest whose id is not its body’s hash', () => {
    expect(() => trustedDocumentsOf({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha256('{ a }'), name: 'A', type: 'query', body: '{ b }' }] })).toThrow(/not the SHA-256/);
  });
});

describe('the bounded cache', () => {
  it('holds at most so many bytes, and never a text larger than that', () => {
    const cache = boundedCache({ maxEntries: 100, maxBytes: 10 });
    cache.set('a', '12345');
    cache.set('b', '123456');
    expect([cache.get('a'), cache.get('b'), cache.size]).toEqual([undefined, '123456', 1]);
    cache.set('huge', '12345678901');
    expect(cache.get('huge')).toBeUndefined();
  });
});
