import type { AssistantDeps } from '../domain/deps.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { EducationEntry, Project, WorkExperience } from './career-history.ts';
import { CareerPreferences, CareerProfile } from './career-profile.ts';
import { FitFactor, FitScore, JobListing, JobMatch, jobMatchMutations, jobMatchesField } from './fit.ts';
import { careerProfileMutations } from './mutation-career-profile.ts';
import { documentMutations, documentResolvers } from './documents.ts';
import { userResolvers } from './user.ts';
import { JobDescription, jobDescriptionMutations } from './job-descriptions.ts';
import { resumeVersionMutations, resumeVersionResolvers } from './resume-versions.ts';
import { CandidateCard, discoveryMutations, discoveryQueries } from './discovery.ts';

export function createResolvers(deps: AssistantDeps): Resolvers {
  return {
    Mutation: { ...careerProfileMutations(deps), ...jobMatchMutations(deps), ...documentMutations(deps), ...jobDescriptionMutations(deps), ...resumeVersionMutations(deps), ...discoveryMutations(deps) },
    Query: discoveryQueries(deps),
    CandidateCard,
    ResumeVersion: resumeVersionResolvers(deps),
    JobDescription,
    Document: documentResolvers(deps),
    User: userResolvers(deps),
    JobListing,
    CareerProfile,
    CareerPreferences,
    EducationEntry,
    WorkExperience,
    Project,
    FitScore,
    FitFactor,
    JobMatch,
  };
}
