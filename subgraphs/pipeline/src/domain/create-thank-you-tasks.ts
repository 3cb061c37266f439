import { appendToOutbox } from '@jobgraph/kit';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.ts';
import { taskCreated } from '../events/published.ts';
import { interviewKinds, thankYouDueAt } from './calendar-input.ts';
import { appendTimeline, timelineEntry } from './timeline.ts';

/**
 * After an interview (or phone screen) ended, a task to thank the interviewers, due a day
 * later (PI-18), with a FOLLOW_UP timeline entry and TaskCreated: once per event (a unique
 * index on the event and task kind), only for interviews that ended in the last 7 days of
 * live applications. At most `batchSize` per call; returns how many. Run by the
 * scheduled thank-you job.
 */
export async function createThankYouTasks(db: Kysely<Database>, batchSize = 500): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .selectFrom('calendar_events')
      .innerJoin('applications', 'applications.id', 'calendar_events.application_id')
      .select(['calendar_events.id', 'calendar_events.user_id', 'calendar_events.application_id', 'calendar_events.title', 'calendar_events.ends_at'])
      .where('calendar_events.kind', 'in', [...interviewKinds])
      .where('calendar_events.ends_at', '<=', sql<Date>`now()`)
      .where('calendar_events.ends_at', '>', sql<Date>`now() - interval '7 days'`)
      .where('applications.deleted_at', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('tasks').select(sql`1`.as('one')).whereRef('tasks.calendar_event_id', '=', 'calendar_events.id').where('tasks.kind', '=', 'thank_you'))),
      )
      .limit(batchSize)
      .execute();
    if (ended.length === 0) return 0;
    const tasks = await trx
      .insertInto('tasks')
      .values(
        ended.map((event) => ({
          user_id: event.user_id,
          application_id: event.application_id,
          calendar_event_id: event.id,
          kind: 'thank_you' as const,
          title: `Thank them for: ${event.title}`.slice(0, 200),
          due_at: thankYouDueAt(event.ends_at),
        })),
      )
      .onConflict((oc) => oc.columns(['calendar_event_id', 'kind']).where('calendar_event_id', 'is not', null).doNothing())
      .returningAll()
      .execute();
    await appendTimeline(
      trx,
      tasks.flatMap((task) =>
        task.application_id === null
          ? []
          : [timelineEntry({ applicationId: task.application_id, userId: task.user_id, kind: 'follow_up', author: 'system', payload: { taskId: task.id, dueAt: task.due_at?.toISOString() ?? null, reason: 'interview_thank_you' } })],
      ),
    );
    await appendToOutbox(trx, tasks.map(taskCreated));
    return tasks.length;
  });
}
