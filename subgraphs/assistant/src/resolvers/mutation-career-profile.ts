import { requireUser } from '@jobgraph/kit';
import type { AssistantDeps } from '../domain/deps.ts';
import { updateCareerProfile } from '../domain/update-career-profile.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { fromRemotePreference } from './career-profile.ts';

export function careerProfileMutations(deps: AssistantDeps): MutationResolvers {
  return {
    updateCareerProfile: async (_parent, { input }, { principal }) => {
      const { userId } = requireUser(principal);
      // Absent fields stay undefined (unchanged); fields sent as null clear.
      const outcome = await updateCareerProfile(deps, userId, {
        headline: input.headline,
        summary: input.summary,
        skills: input.skills,
        desiredTitles: input.desiredTitles,
        locations: input.locations,
        remote: input.remote === undefined || input.remote === null ? input.remote : fromRemotePreference(input.remote),
        desiredSalary: input.desiredSalary,
        openToWork: input.openToWork,
        yearsOfExperience: input.yearsOfExperience,
      });
      if (!outcome.ok) return { careerProfile: null, errors: outcome.errors.map((e) => ({ ...e, field: [...e.field] })) };
      return { careerProfile: outcome.value, errors: [] };
    },
  };
}
