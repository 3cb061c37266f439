export { createJobgraphCache, typePolicies } from './create-cache.ts';
export { possibleTypes } from './generated/cache-shape.ts';
export * from './generated/gql/index.ts';
export * from './operations/candidate-home.ts';
export * from './operations/partner-jobs.ts';
export { createJobgraphClient, signIn, type JobgraphClientOptions } from './connect.ts';
