import type { ApplicationStageChangeResolvers } from '../generated/resolvers.ts';
import { referenceTo } from './entity-reference.ts';

const missingStage = (id: string): never => {
  throw new Error(`stage ${id} in a timeline is not its owner's`);
};

export const ApplicationStageChange: ApplicationStageChangeResolvers = {
  fromStage: async (change, _args, { loaders }) => (change.from_stage_id === null ? null : ((await loaders.stageById.load(change.from_stage_id)) ?? missingStage(change.from_stage_id))),
  toStage: async (change, _args, { loaders }) => (await loaders.stageById.load(change.to_stage_id)) ?? missingStage(change.to_stage_id),
  changedBy: (change) => (change.changed_by === null ? null : referenceTo(change.changed_by)),
  changedAt: (change) => change.changed_at,
};
