import type { TaskOrigin, TaskPriority, TaskResolvers } from '../generated/resolvers.ts';
import { toTaskKind } from './task-kind.ts';

export const Task: TaskResolvers = {
  kind: (task) => toTaskKind(task.kind),
  /** The task's owner owns the application too (a foreign key says so); null once it is gone. */
  application: (task, _args, { loaders }) => (task.application_id === null ? null : loaders.applicationById.load(task.application_id)),
  dueAt: (task) => task.due_at,
  completedAt: (task) => task.completed_at,
  createdAt: (task) => task.created_at,
  // h8
  priority: (task) => task.priority.toUpperCase() as TaskPriority,
  origin: (task) => task.origin.toUpperCase() as TaskOrigin,
  updatedAt: (task) => task.updated_at,
};
