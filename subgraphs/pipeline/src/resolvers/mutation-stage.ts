import type { Outcome } from '@jobgraph/kit';
import type { PipelineDeps } from '../domain/deps.ts';
import { addStage, archiveStage, reorderStages, updateStage } from '../domain/manage-stages.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { fromStageKind } from './stage-kind.ts';
import { requireViewerId } from './viewer.ts';

const errorsOf = (outcome: Outcome<unknown>) => (outcome.ok ? [] : outcome.errors.map((e) => ({ ...e, field: [...e.field] })));

/** h8: the user's own board stages (PI-06, PI-07). */
export function stageMutations(deps: PipelineDeps): MutationResolvers {
  return {
    addApplicationStage: async (_parent, { input }, { principal }) => {
      const outcome = await addStage(deps, requireViewerId(principal), { name: input.name, kind: fromStageKind(input.kind) });
      return { stage: outcome.ok ? outcome.value : null, errors: errorsOf(outcome) };
    },
    updateApplicationStage: async (_parent, { input }, { principal }) => {
      const outcome = await updateStage(deps, requireViewerId(principal), { stageId: input.stageId, name: input.name ?? null, kind: input.kind ? fromStageKind(input.kind) : null });
      return { stage: outcome.ok ? outcome.value : null, errors: errorsOf(outcome) };
    },
    reorderApplicationStages: async (_parent, { input }, { principal }) => {
      const outcome = await reorderStages(deps, requireViewerId(principal), input.stageIds);
      return { stages: outcome.ok ? [...outcome.value] : null, errors: errorsOf(outcome) };
    },
    archiveApplicationStage: async (_parent, { input }, { principal }) => {
      const outcome = await archiveStage(deps, requireViewerId(principal), { stageId: input.stageId, moveToStageId: input.moveToStageId ?? null });
      return { stage: outcome.ok ? outcome.value.stage : null, movedCount: outcome.ok ? outcome.value.moved : 0, errors: errorsOf(outcome) };
    },
  };
}
