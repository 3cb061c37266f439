import { sql } from 'kysely';
import { TaskCompleted, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { Task } from '../db/types.ts';
import type { PipelineDeps } from './deps.ts';

/**
 * Marks one of `userId`'s tasks done. Idempotent: a completed task keeps the time it was
 * first completed, so a retried request changes nothing. Someone else's task answers
 * NOT_FOUND, exactly like one that does not exist. The first completion publishes
 * TaskCompleted in the same transaction, keyed by the task.
 */
export async function completeTask(deps: PipelineDeps, userId: string, taskId: string): Promise<Outcome<Task>> {
  return deps.db.transaction().execute(async (trx) => {
    const task = await trx.selectFrom('tasks').selectAll().where('id', '=', taskId.toLowerCase()).where('user_id', '=', userId).forUpdate().executeTakeFirst();
    if (!task) return fail(userError('NOT_FOUND', 'You have no task with this id.', ['input', 'taskId']));
    if (task.completed_at) return succeed(task);
    const done = await trx.updateTable('tasks').set({ completed_at: sql<Date>`now()` }).where('id', '=', task.id).returningAll().executeTakeFirstOrThrow();
    await appendToOutbox(trx, [
      pendingEvent(TaskCompleted, done.id, { taskId: done.id, userId: done.user_id, applicationId: done.application_id, completedAt: (done.completed_at ?? new Date()).toISOString() }),
    ]);
    return succeed(done);
  });
}
