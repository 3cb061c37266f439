export * from './blob-store.ts';
export * from './signed-url.ts';
export * from './local-disk-blob-store.ts';
export * from './s3-blob-store.ts';
export * from './sniff.ts';
export * from './zip-entries.ts';
export * from './virus-scan.ts';
