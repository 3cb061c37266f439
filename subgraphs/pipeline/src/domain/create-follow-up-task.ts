import { appendToOutbox, type ApplicationStageChangedData } from '@jobgraph/kit';
import { sql, type Kysely } from 'kysely';
import type { Database, Task } from '../db/types.ts';
import { taskCreated } from '../events/published.ts';
import { followUpFor } from './follow-up.ts';
import { appendTimeline, timelineEntry } from './timeline.ts';

/**
 * Reacts to an application's stage change with the follow-up task its new stage calls
 * for (domain/follow-up.ts), and TaskCreated in the outbox, in the caller's transaction
 * (the consumer's, which also records the event in the inbox, so a redelivered change
 * creates no second task). An application that no longer exists (deleted, its owner
 * erased) gets nothing. Returns the task, or null when none was due.
 */
export async function createFollowUpTask(trx: Kysely<Database>, change: Pick<ApplicationStageChangedData, 'applicationId' | 'userId' | 'toStageKind' | 'changedAt'>): Promise<Task | null> {
  const followUp = followUpFor(change.toStageKind, new Date(change.changedAt));
  if (!followUp) return null;
  const task = await trx
    .insertInto('tasks')
    .columns(['user_id', 'application_id', 'kind', 'title', 'due_at'])
    .expression((eb) =>
      eb
        .selectFrom('applications')
        .select([
          'applications.user_id',
          'applications.id',
          sql<string>`${followUp.kind}::text`.as('kind'),
          sql<string>`${followUp.title}::text`.as('title'),
          sql<Date>`${followUp.dueAt.toISOString()}::timestamptz`.as('due_at'),
        ])
        .where('applications.id', '=', change.applicationId)
        .where('applications.user_id', '=', change.userId)
        .where('applications.deleted_at', 'is', null),
    )
    .returningAll()
    .executeTakeFirst();
  if (!task) return null;
  if (task.application_id !== null) {
    await appendTimeline(trx, [
      timelineEntry({ applicationId: task.application_id, userId: task.user_id, kind: 'follow_up', author: 'system', payload: { taskId: task.id, dueAt: task.due_at?.toISOString() ?? null, reason: 'stage' } }),
    ]);
  }
  await appendToOutbox(trx, [taskCreated(task)]);
  return task;
}
