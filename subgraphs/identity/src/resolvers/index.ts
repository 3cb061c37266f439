import type { IdentityDeps } from '../domain/deps.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { authMutations } from './mutation-auth.ts';
import { viewer } from './query-viewer.ts';
import { User } from './user.ts';

export function createResolvers(deps: IdentityDeps): Resolvers {
  return {
    Query: { viewer },
    Mutation: authMutations(deps),
    User,
  };
}
