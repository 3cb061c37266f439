import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import { sql } from 'kysely';
import type { Task } from '../db/types.ts';
import type { PipelineDeps } from './deps.ts';

/**
 * Marks one of `userId`'s tasks done. Idempotent: a completed task keeps the time it was
 * first completed, so a retried request changes nothing. Someone else's task answers
 * NOT_FOUND, exactly like one that does not exist. Runs in a transaction so that a
 * TaskCompleted event can join it once the contract has one.
 */
export async function completeTask(deps: PipelineDeps, userId: string, taskId: string): Promise<Outcome<Task>> {
  return deps.db.transaction().execute(async (trx) => {
    const task = await trx
      .updateTable('tasks')
      .set({ completed_at: sql<Date>`coalesce(completed_at, now())` })
      .where('id', '=', taskId.toLowerCase())
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirst();
    return task ? succeed(task) : fail(userError('NOT_FOUND', 'You have no task with this id.', ['input', 'taskId']));
  });
}
