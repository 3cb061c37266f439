export { createJobgraphCache, typePolicies } from './create-cache.ts';
export { possibleTypes } from './generated/cache-shape.ts';
export * from './generated/gql/index.ts';
export * from './operations/candidate-home.ts';
export { createJobgraphClient, signIn } from './connect.ts';
