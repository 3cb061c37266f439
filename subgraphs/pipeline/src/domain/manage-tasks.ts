import { appendToOutbox, fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import { sql, type Kysely } from 'kysely';
import type { Database, Task } from '../db/types.ts';
import { taskCreated, taskDeleted, taskUpdated } from '../events/published.ts';
import type { PipelineDeps } from './deps.ts';
import { validateTaskInput, type TaskInput } from './task-input.ts';

const taskNotFound = () => fail(userError('NOT_FOUND', 'You have no task with this id.', ['input', 'taskId']));
const applicationNotFound = () => fail(userError('NOT_FOUND', 'You have no application with this id.', ['input', 'applicationId']));

/** Whether `applicationId` is one of `userId`'s live applications (a task may be about it). */
async function ownsApplication(trx: Kysely<Database>, userId: string, applicationId: string): Promise<boolean> {
  const row = await trx.selectFrom('applications').select('id').where('id', '=', applicationId).where('user_id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/** A task the user makes themself (PI-19), about one of their applications or none; publishes TaskCreated. */
export async function createTask(deps: PipelineDeps, userId: string, input: TaskInput): Promise<Outcome<Task>> {
  const patch = validateTaskInput(input, true);
  if (!patch.ok) return patch;
  const { title, kind } = patch.value;
  if (title === undefined || kind === undefined) return fail(userError('KIND_REQUIRED', 'Say what the task is and what kind.', ['input']));
  return deps.db.transaction().execute(async (trx) => {
    const applicationId = patch.value.application_id ?? null;
    if (applicationId !== null && !(await ownsApplication(trx, userId, applicationId))) return applicationNotFound();
    const task = await trx
      .insertInto('tasks')
      .values({ user_id: userId, application_id: applicationId, title, kind, priority: patch.value.priority ?? 'medium', due_at: patch.value.due_at ?? null, origin: 'user' })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToOutbox(trx, [taskCreated(task)]);
    return succeed(task);
  });
}

/** Edits one of the user's tasks, made by them or by pipeline; publishes TaskUpdated with the fields written. */
export async function updateTask(deps: PipelineDeps, userId: string, taskId: string, input: TaskInput): Promise<Outcome<Task>> {
  const patch = validateTaskInput(input, false);
  if (!patch.ok) return patch;
  return deps.db.transaction().execute(async (trx) => {
    const applicationId = patch.value.application_id;
    if (applicationId && !(await ownsApplication(trx, userId, applicationId))) {
      const exists = await trx.selectFrom('tasks').select('id').where('id', '=', taskId.toLowerCase()).where('user_id', '=', userId).executeTakeFirst();
      return exists ? applicationNotFound() : taskNotFound();
    }
    const fields = Object.keys(patch.value);
    const task = await trx
      .updateTable('tasks')
      .set({ ...patch.value, updated_at: sql<Date>`now()` })
      .where('id', '=', taskId.toLowerCase())
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirst();
    if (!task) return taskNotFound();
    if (fields.length > 0) await appendToOutbox(trx, [taskUpdated(task, fields)]);
    return succeed(task);
  });
}

/** Deletes one of the user's tasks for good; publishes TaskDeleted. Answers the task as it was. */
export async function deleteTask(deps: PipelineDeps, userId: string, taskId: string): Promise<Outcome<Task>> {
  return deps.db.transaction().execute(async (trx) => {
    const task = await trx.deleteFrom('tasks').where('id', '=', taskId.toLowerCase()).where('user_id', '=', userId).returningAll().executeTakeFirst();
    if (!task) return taskNotFound();
    await appendToOutbox(trx, [taskDeleted(task)]);
    return succeed(task);
  });
}
