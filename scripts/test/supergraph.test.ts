import { describe, expect, it } from 'vitest';
import { committedSupergraph, composeSupergraph } from '../src/supergraph.ts';

describe('the committed supergraph', () => {
  it('composes from the five subgraph schemas without errors', () => {
    const composition = composeSupergraph();
    expect(composition.ok ? [] : composition.errors).toEqual([]);
  });

  it('is what composition produces now (run `pnpm compose` when this fails)', () => {
    const composition = composeSupergraph();
    if (!composition.ok) throw new Error(composition.errors.join('\n'));
    expect(committedSupergraph()).toBe(composition.supergraphSdl);
  });
});

describe('the committed public contract', () => {
  it('is what contract composition produces now (run `pnpm compose` when this fails)', async () => {
    const { committedPublicSupergraph, composePublicContract } = await import('../src/public-contract.ts');
    const contract = composePublicContract();
    if (!contract.ok) throw new Error(contract.errors.join('\n'));
    expect(committedPublicSupergraph()).toBe(contract.supergraphSdl);
  });
});
