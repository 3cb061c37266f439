import type { PipelineDeps } from '../domain/deps.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { Application } from './application.ts';
import { ApplicationStage } from './application-stage.ts';
import { ApplicationStageChange } from './application-stage-change.ts';
import { JobListing } from './job-listing.ts';
import { applicationMutations } from './mutation-application.ts';
import { taskMutations } from './mutation-task.ts';
// h8
import { applicationEditMutations } from './mutation-application-edit.ts';
import { personalTaskMutations } from './mutation-personal-task.ts';
import { stageMutations } from './mutation-stage.ts';
import { application } from './query-application.ts';
import { Task } from './task.ts';
import { userResolvers } from './user.ts';

export function createResolvers(deps: PipelineDeps): Resolvers {
  return {
    Query: { application },
    Mutation: {
      ...applicationMutations(deps),
      ...taskMutations(deps),
      // h8
      ...applicationEditMutations(deps),
      ...stageMutations(deps),
      ...personalTaskMutations(deps),
    },
    User: userResolvers(deps),
    JobListing,
    Application,
    ApplicationStage,
    ApplicationStageChange,
    Task,
  };
}
