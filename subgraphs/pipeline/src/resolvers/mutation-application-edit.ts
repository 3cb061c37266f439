import { deleteApplication, restoreApplication } from '../domain/delete-application.ts';
import type { PipelineDeps } from '../domain/deps.ts';
import { updateApplication } from '../domain/update-application.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { applicationPayload } from './application-payload.ts';
import { detailsInput } from './details-input.ts';
import { requireViewerId } from './viewer.ts';

/** h8: edit, delete and restore an application (PI-03, PI-04). */
export function applicationEditMutations(deps: PipelineDeps): MutationResolvers {
  return {
    updateApplication: async (_parent, { input }, { principal }) => applicationPayload(await updateApplication(deps, requireViewerId(principal), detailsInput(input))),
    deleteApplication: async (_parent, { input }, { principal }) => applicationPayload(await deleteApplication(deps, requireViewerId(principal), input.applicationId)),
    restoreApplication: async (_parent, { input }, { principal }) => applicationPayload(await restoreApplication(deps, requireViewerId(principal), input.applicationId)),
  };
}
