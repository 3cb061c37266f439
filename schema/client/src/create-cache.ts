import { InMemoryCache, type TypePolicies } from '@apollo/client';
import { possibleTypes, typesWithoutIdentity } from './generated/cache-shape.ts';

/**
 * Type policies for Jobgraph's graph. Entities (`User`, `JobListing`, …) normalize by
 * `__typename` and `id`, Apollo Client's default. Objects without an `id` merge into
 * what the cache holds, so screens that select different fields of one never erase
 * each other's data.
 */
export const typePolicies: TypePolicies = Object.fromEntries(typesWithoutIdentity.map((name) => [name, { merge: true }]));

/** An InMemoryCache that knows Jobgraph's abstract types and its objects without identity. */
export function createJobgraphCache(): InMemoryCache {
  return new InMemoryCache({ possibleTypes: Object.fromEntries(Object.entries(possibleTypes).map(([name, members]) => [name, [...members]])), typePolicies });
}
