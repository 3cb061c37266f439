import { createApplication } from '../domain/create-application.ts';
import type { PipelineDeps } from '../domain/deps.ts';
import { moveApplication } from '../domain/move-application.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { applicationPayload } from './application-payload.ts';
import { detailsInput } from './details-input.ts';
import { requireViewerId } from './viewer.ts';

export function applicationMutations(deps: PipelineDeps): MutationResolvers {
  return {
    createApplication: async (_parent, { input }, { principal }) => applicationPayload(await createApplication(deps, requireViewerId(principal), detailsInput(input))),
    moveApplication: async (_parent, { input }, { principal }) => applicationPayload(await moveApplication(deps, requireViewerId(principal), input)),
  };
}
