import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { aliasLimit } from '../src/limits/alias-limit.ts';
import { depthLimit } from '../src/limits/depth-limit.ts';

const schema = buildSchema('type Query { node: Node } type Node { id: ID child: Node }');

const nested = (depth: number) => `{ ${'node { '.repeat(1)}${'child { '.repeat(depth - 2)}id${' }'.repeat(depth - 1)} }`;

describe('depth limit', () => {
  it('allows an operation at the limit', () => {
    expect(validate(schema, parse(nested(5)), [depthLimit(5)])).toEqual([]);
  });

  it('refuses one level more, naming the limit', () => {
    const [error] = validate(schema, parse(nested(6)), [depthLimit(5)]);
    expect(error?.message).toBe('The operation is nested 6 levels deep; the limit is 5.');
    expect(error?.extensions).toMatchObject({ reason: 'QUERY_TOO_DEEP', limit: 5 });
  });

  it('counts depth through fragments, and survives fragment cycles', () => {
    const query = 'query { node { ...A } } fragment A on Node { child { child { child { ...A } } } }';
    const errors = validate(schema, parse(query), [depthLimit(3)]);
    expect(errors.some((e) => e.extensions.reason === 'QUERY_TOO_DEEP')).toBe(true);
  });
});

describe('depth limit and introspection', () => {
  it('lets a GraphiQL-sized introspection query through while data stays at the tighter limit', () => {
    const introspection = `{ __schema { types { fields { type ${'{ ofType '.repeat(9)}{ name }${' }'.repeat(9)} } } } }`;
    expect(validate(schema, parse(introspection), [depthLimit(5)])).toEqual([]);
    const endless = `{ __schema { types { fields { type ${'{ ofType '.repeat(30)}{ name }${' }'.repeat(30)} } } } }`;
    expect(validate(schema, parse(endless), [depthLimit(5)])[0]?.message).toMatch(/the limit is 20/);
  });
});

describe('alias limit', () => {
  it('refuses a document with more aliases than allowed', () => {
    const query = `{ ${Array.from({ length: 4 }, (_, i) => `a${i}: node { id }`).join(' ')} }`;
    expect(validate(schema, parse(query), [aliasLimit(4)])).toEqual([]);
    const more = `{ ${Array.from({ length: 5 }, (_, i) => `a${i}: node { id }`).join(' ')} }`;
    expect(validate(schema, parse(more), [aliasLimit(4)])[0]?.extensions).toMatchObject({ reason: 'TOO_MANY_ALIASES', limit: 4 });
  });
});
