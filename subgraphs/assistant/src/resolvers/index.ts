import type { AssistantDeps } from '../domain/deps.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { CareerPreferences, CareerProfile } from './career-profile.ts';
import { careerProfileMutations } from './mutation-career-profile.ts';
import { User } from './user.ts';

export function createResolvers(deps: AssistantDeps): Resolvers {
  return {
    Mutation: careerProfileMutations(deps),
    User,
    CareerProfile,
    CareerPreferences,
  };
}
