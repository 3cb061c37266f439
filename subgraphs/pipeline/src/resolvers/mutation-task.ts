import { completeTask } from '../domain/complete-task.ts';
import type { PipelineDeps } from '../domain/deps.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { requireViewerId } from './viewer.ts';

export function taskMutations(deps: PipelineDeps): MutationResolvers {
  return {
    completeTask: async (_parent, { input }, { principal }) => {
      const outcome = await completeTask(deps, requireViewerId(principal), input.taskId);
      if (!outcome.ok) return { task: null, errors: outcome.errors.map((e) => ({ ...e, field: [...e.field] })) };
      return { task: outcome.value, errors: [] };
    },
  };
}
