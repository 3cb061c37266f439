export * from './testing/test-cluster.ts';
export * from './testing/test-database.ts';
