import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { supergraphPath } from '../../src/supergraph.ts';
import { graphql } from './graphql-client.ts';
import { useStory } from './story.ts';

const story = useStory();

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('hot reload of the supergraph file', () => {
  it('serves a changed supergraph without a restart, and keeps the last good one when the file is broken', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'supergraph-')), 'supergraph.graphql');
    const original = readFileSync(supergraphPath, 'utf8');
    writeFileSync(file, original);
    const gateway = await story().stack.startGateway({ watchSupergraphFiles: { internal: file } });
    const queryFields = async () => {
      const result = await graphql<{ __type: { fields: Array<{ name: string }> } }>(gateway.url, '{ __type(name: "Query") { fields { name } } }');
      return result.data?.__type.fields.map((f) => f.name) ?? [];
    };
    expect(await queryFields()).toContain('plans');

    const withoutPlans = original.replace(/^\s*"""The plans on sale[^\n]*\n\s*plans: \[Plan!\]! @join__field\(graph: BILLING\)[^\n]*\n/m, '');
    expect(withoutPlans).not.toBe(original);
    writeFileSync(file, withoutPlans);
    expect(await eventually(queryFields, (fields) => !fields.includes('plans'))).not.toContain('plans');

    writeFileSync(file, 'this is not a supergraph');
    // Three polls of the file (500 ms each) later, the broken file has been read and refused.
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const fields = await queryFields();
    expect(fields).toContain('jobs');
    expect(fields).not.toContain('plans');
  });
});
