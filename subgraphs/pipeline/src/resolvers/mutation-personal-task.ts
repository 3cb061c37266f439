import type { Outcome } from '@jobgraph/kit';
import type { DbTaskKind, DbTaskPriority, Task } from '../db/types.ts';
import type { PipelineDeps } from '../domain/deps.ts';
import { createTask, deleteTask, updateTask } from '../domain/manage-tasks.ts';
import type { TaskInput } from '../domain/task-input.ts';
import type { MutationResolvers, TaskKind, TaskPriority } from '../generated/resolvers.ts';
import { requireViewerId } from './viewer.ts';

const taskPayload = (outcome: Outcome<Task>) =>
  outcome.ok ? { task: outcome.value, errors: [] } : { task: null, errors: outcome.errors.map((e) => ({ ...e, field: [...e.field] })) };

interface TaskArgs {
  readonly title?: string | null;
  readonly kind?: TaskKind | null;
  readonly priority?: TaskPriority | null;
  readonly dueAt?: Date | null;
  readonly applicationId?: string | null;
}

/** GraphQL's enums as the database's lower-case text; absent keys stay absent. */
function taskInput(args: TaskArgs): TaskInput {
  const { kind, priority, ...rest } = args;
  return {
    ...rest,
    ...(Object.hasOwn(args, 'kind') ? { kind: kind ? (kind.toLowerCase() as DbTaskKind) : null } : {}),
    ...(priority ? { priority: priority.toLowerCase() as DbTaskPriority } : {}),
  };
}

/** h8: personal tasks (PI-19). */
export function personalTaskMutations(deps: PipelineDeps): MutationResolvers {
  return {
    createTask: async (_parent, { input }, { principal }) => taskPayload(await createTask(deps, requireViewerId(principal), taskInput(input))),
    updateTask: async (_parent, { input }, { principal }) => {
      const { taskId, ...fields } = input;
      return taskPayload(await updateTask(deps, requireViewerId(principal), taskId, taskInput(fields)));
    },
    deleteTask: async (_parent, { input }, { principal }) => taskPayload(await deleteTask(deps, requireViewerId(principal), input.taskId)),
  };
}
