export * from './testing/eventually.ts';
export * from './testing/subgraph-harness.ts';
export * from './testing/scratch-event-schema.ts';
export * from './testing/event-contracts.ts';
export * from './testing/test-events.ts';
export * from './testing/observability.ts';
