import { describe, expect, it } from 'vitest';
import { EdgeRefusal } from '../src/edge.ts';
import { defaultOperationLimits, operationLimitVerdict, type OperationLimitsOptions } from '../src/plugins/operation-limits/index.ts';
import { createDocumentCache } from '../src/prepared-documents.ts';

const documents = createDocumentCache({ maxTokens: 20_000 });
const verdict = (query: string, limits: Partial<OperationLimitsOptions> = {}) => operationLimitVerdict(documents.prepare(query), { ...defaultOperationLimits, ...limits });
const nested = (depth: number) => `{ node { ${'child { '.repeat(depth - 2)}id${' }'.repeat(depth - 2)} } }`;

/** 24 fragments, each spreading the next twice: 2^24 fields once expanded, under 1 KB of text. */
export function fragmentBomb(levels: number): string {
  let document = 'query { node { ...F0 } }';
  for (let i = 0; i < levels; i += 1) {
    document += i < levels - 1 ? ` fragment F${i} on Node { ...F${i + 1} ...F${i + 1} }` : ` fragment F${i} on Node { id }`;
  }
  return document;
}

describe('depth', () => {
  it('allows an operation at the limit and refuses one level more, naming the limit', () => {
    expect(verdict(nested(5), { maxDepth: 5 })).toBeNull();
    const refusal = verdict(nested(6), { maxDepth: 5 });
    expect(refusal?.message).toBe('The operation is nested 6 levels deep; the limit is 5.');
    expect(refusal?.code).toBe('QUERY_TOO_DEEP');
  });

  it('counts depth through fragments, and survives fragment cycles', () => {
    const query = 'query { node { ...A } } fragment A on Node { child { child { child { ...A } } } }';
    expect(verdict(query, { maxDepth: 3 })?.code).toBe('QUERY_TOO_DEEP');
    expect(verdict('query { node { ...A } } fragment A on Node { ...B } fragment B on Node { ...A id }')).toBeNull();
  });

  it('refuses 50 levels of nesting', () => {
    expect(verdict(nested(50))?.code).toBe('QUERY_TOO_DEEP');
  });

  it('lets a GraphiQL-sized introspection query through while data stays at the tighter limit', () => {
    const introspection = `{ __schema { types { fields { type ${'{ ofType '.repeat(9)}{ name }${' }'.repeat(9)} } } } }`;
    expect(verdict(introspection, { maxDepth: 5 })).toBeNull();
    const endless = `{ __schema { types { fields { type ${'{ ofType '.repeat(30)}{ name }${' }'.repeat(30)} } } } }`;
    expect(verdict(endless, { maxDepth: 5 })?.message).toMatch(/the limit is 20/);
  });
});

describe('breadth', () => {
  it('refuses 500 aliases with TOO_MANY_ALIASES', () => {
    const query = `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: node { id }`).join(' ')} }`;
    const refusal = verdict(query, { maxRootFields: 1000, maxExpandedFields: 10_000 });
    expect(refusal?.code).toBe('TOO_MANY_ALIASES');
    expect(refusal?.message).toBe('The operation uses 500 aliases; the limit is 30.');
  });

  it('counts aliases hidden in a fragment once per spread', () => {
    const query = `{ node { ...A ...A ...A } } fragment A on Node { ${Array.from({ length: 11 }, (_, i) => `x${i}: id`).join(' ')} }`;
    expect(verdict(query)?.code).toBe('TOO_MANY_ALIASES');
  });

  it('refuses too many root fields with TOO_MANY_ROOT_FIELDS', () => {
    expect(verdict(`{ ${'node { id } '.repeat(21)} }`)?.code).toBe('TOO_MANY_ROOT_FIELDS');
    expect(verdict(`{ ${'node { id } '.repeat(20)} }`)).toBeNull();
  });

  it('refuses too many directives with TOO_MANY_DIRECTIVES', () => {
    expect(verdict(`{ node { id ${'@skip(if: false) '.repeat(51)} } }`)?.code).toBe('TOO_MANY_DIRECTIVES');
  });
});

describe('the fragment bomb', () => {
  it('refuses 24 fragments each spreading the next twice as QUERY_TOO_LARGE, counting 2^23 + 1 fields', () => {
    const bomb = fragmentBomb(24);
    expect(bomb.length).toBeLessThan(1000);
    const refusal = verdict(bomb);
    expect(refusal).toBeInstanceOf(EdgeRefusal);
    expect(refusal?.code).toBe('QUERY_TOO_LARGE');
    expect(refusal?.message).toBe(`The operation selects ${2 ** 23 + 1} fields once fragments are expanded; the limit is 2000.`);
  });

  it('measures 400 doubling fragments without walking them (2^399 fields would never finish)', () => {
    expect(verdict(fragmentBomb(400))?.message).toMatch(/selects more than 10\^12 fields/);
  });

  it('remembers the verdict per document: the second time is a lookup', () => {
    const bomb = documents.prepare(fragmentBomb(30));
    expect(bomb.memo.size).toBe(0);
    expect(documents.prepare(fragmentBomb(30))).toBe(bomb);
  });
});

describe('tokens', () => {
  it('refuses a document over the token limit with TOO_MANY_TOKENS', () => {
    const small = createDocumentCache({ maxTokens: 100 });
    expect(() => small.prepare(`{ ${'__typename '.repeat(200)} }`)).toThrowError(expect.objectContaining({ code: 'TOO_MANY_TOKENS' }) as Error);
    expect(() => small.prepare('{ node { ')).toThrowError(expect.objectContaining({ code: 'GRAPHQL_PARSE_FAILED' }) as Error);
  });
});
