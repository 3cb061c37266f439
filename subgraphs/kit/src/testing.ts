export * from './testing/eventually.ts';
export * from './testing/subgraph-harness.ts';
