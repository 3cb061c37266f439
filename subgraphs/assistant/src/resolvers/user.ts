import { canReadCareerProfile } from '../domain/career-profile-access.ts';
import { emptyCareerProfile } from '../domain/career-profile.ts';
import type { AssistantDeps } from '../domain/deps.ts';
import type { UserResolvers } from '../generated/resolvers.ts';
import { documentFields } from './documents.ts';
import { jobMatchesField } from './fit.ts';
import { jobDescriptionsField } from './job-descriptions.ts';
import { resumeVersionsField } from './resume-versions.ts';

/** Identity owns users; here a user is only the id the gateway hands over. */
export interface UserReference {
  readonly id: string;
}

export function userResolvers(deps: AssistantDeps): UserResolvers {
  return {
    __resolveReference: (reference) => ({ id: reference.id }),
    careerProfile: async (user, _args, { principal, loaders }) => {
      if (!canReadCareerProfile(principal, user.id)) return null;
      return (await loaders.careerProfileByUserId.load(user.id)) ?? emptyCareerProfile(user.id);
    },
    jobMatches: jobMatchesField(deps),
    ...documentFields(deps),
    ...jobDescriptionsField(deps),
    ...resumeVersionsField(deps),
  };
}
