import { requireUser, type UserError } from '@jobgraph/kit';
import type { AssistantDeps } from '../domain/deps.ts';
import { saveEducation, saveProjects, saveWorkExperience } from '../domain/save-history.ts';
import { updateCareerProfile } from '../domain/update-career-profile.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import type { Context } from '../context.ts';
import { emptyCareerProfile } from '../domain/career-profile.ts';
import { fromAvailability, fromEducationLevel, fromEmploymentType, fromRemotePreference, fromSeniorityLevel } from './career-profile.ts';

const errorsOf = (errors: readonly UserError[]) => errors.map((e) => ({ ...e, field: [...e.field] }));

/** Maps a nullable input field, keeping `undefined` (unchanged) apart from `null` (clear). */
function mapField<In, Out>(value: In | null | undefined, map: (value: In) => Out): Out | null | undefined {
  if (value === undefined) return undefined;
  return value === null ? null : map(value);
}

async function savedProfile({ loaders }: Context, userId: string) {
  loaders.careerProfileByUserId.clear(userId);
  return (await loaders.careerProfileByUserId.load(userId)) ?? emptyCareerProfile(userId);
}

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
        remote: mapField(input.remote, fromRemotePreference),
        desiredSalary: input.desiredSalary,
        openToWork: input.openToWork,
        yearsOfExperience: input.yearsOfExperience,
        currentTitle: input.currentTitle,
        currentCompany: input.currentCompany,
        educationLevel: mapField(input.educationLevel, fromEducationLevel),
        languages: input.languages,
        workAuthorizations: input.workAuthorizations,
        levels: mapField(input.levels, (levels) => levels.map(fromSeniorityLevel)),
        functions: input.functions,
        industries: input.industries,
        jobTypes: mapField(input.jobTypes, (types) => types.map(fromEmploymentType)),
        availability: mapField(input.availability, fromAvailability),
      });
      if (!outcome.ok) return { careerProfile: null, errors: errorsOf(outcome.errors) };
      return { careerProfile: outcome.value, errors: [] };
    },
    saveEducation: async (_parent, { input }, context) => {
      const { userId } = requireUser(context.principal);
      const outcome = await saveEducation(deps, userId, input.entries);
      if (!outcome.ok) return { careerProfile: null, errors: errorsOf(outcome.errors) };
      return { careerProfile: await savedProfile(context, userId), errors: [] };
    },
    saveWorkExperience: async (_parent, { input }, context) => {
      const { userId } = requireUser(context.principal);
      const outcome = await saveWorkExperience(deps, userId, input.entries);
      if (!outcome.ok) return { careerProfile: null, errors: errorsOf(outcome.errors) };
      return { careerProfile: await savedProfile(context, userId), errors: [] };
    },
    saveProjects: async (_parent, { input }, context) => {
      const { userId } = requireUser(context.principal);
      const outcome = await saveProjects(deps, userId, input.entries);
      if (!outcome.ok) return { careerProfile: null, errors: errorsOf(outcome.errors) };
      return { careerProfile: await savedProfile(context, userId), errors: [] };
    },
  };
}
