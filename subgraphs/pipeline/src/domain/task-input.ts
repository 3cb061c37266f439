import { fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';
import type { DbTaskKind, DbTaskPriority } from '../db/types.ts';
import { cleanText } from './clean-text.ts';

export const maxTaskTitleLength = 200;

/** A personal task's fields; in an update an absent key stays as it is and `null` clears it. */
export interface TaskInput {
  readonly title?: string | null;
  readonly kind?: DbTaskKind | null;
  readonly priority?: DbTaskPriority | null;
  readonly dueAt?: Date | null;
  readonly applicationId?: string | null;
}

export interface TaskPatch {
  title?: string;
  kind?: DbTaskKind;
  priority?: DbTaskPriority;
  due_at?: Date | null;
  application_id?: string | null;
}

/** Checks a task's fields (PI-19); title and kind may not be cleared. `creating` requires both. */
export function validateTaskInput(input: TaskInput, creating: boolean): Outcome<TaskPatch> {
  const errors: UserError[] = [];
  const patch: TaskPatch = {};
  if (creating || Object.hasOwn(input, 'title')) {
    const title = cleanText(input.title, maxTaskTitleLength, { singleLine: true });
    if (!title.ok) errors.push(userError('TOO_LONG', `Use at most ${maxTaskTitleLength} characters.`, ['input', 'title']));
    else if (title.value === null) errors.push(userError('INVALID_TITLE', 'Say what the task is.', ['input', 'title']));
    else patch.title = title.value;
  }
  if (input.kind) patch.kind = input.kind;
  else if (creating || (Object.hasOwn(input, 'kind') && input.kind === null)) errors.push(userError('KIND_REQUIRED', 'Say what kind of task it is.', ['input', 'kind']));
  if (input.priority) patch.priority = input.priority;
  if (Object.hasOwn(input, 'dueAt')) patch.due_at = input.dueAt ?? null;
  if (Object.hasOwn(input, 'applicationId')) patch.application_id = input.applicationId?.toLowerCase() ?? null;
  return errors.length > 0 ? fail(...errors) : succeed(patch);
}
