export * from './testing/subgraph-harness.ts';
