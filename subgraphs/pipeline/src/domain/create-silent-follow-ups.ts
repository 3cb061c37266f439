import { appendToOutbox } from '@jobgraph/kit';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.ts';
import { taskCreated } from '../events/published.ts';
import { followUpRules } from './follow-up.ts';
import { appendTimeline, timelineEntry } from './timeline.ts';

/**
 * Gives a follow-up task (due now) to every live application that sits in a stage of kind
 * APPLIED, was applied to at least `afterDays` ago, has no answer from the employer, and
 * has had no follow-up task since it was applied to (PI-18): an application created
 * straight into APPLIED included, which no stage change ever reached. At most
 * `batchSize` per call, in one transaction with their TaskCreated events; returns how many.
 * Run by the scheduled follow-up job, which one instance runs at a time.
 */
export async function createSilentFollowUps(db: Kysely<Database>, afterDays: number, batchSize = 500): Promise<number> {
  const rule = followUpRules.applied;
  if (!rule) return 0;
  return db.transaction().execute(async (trx) => {
    const tasks = await trx
      .insertInto('tasks')
      .columns(['user_id', 'application_id', 'kind', 'title', 'due_at'])
      .expression((eb) =>
        eb
          .selectFrom('applications')
          .innerJoin('application_stages', 'application_stages.id', 'applications.stage_id')
          .select([
            'applications.user_id',
            'applications.id',
            sql<string>`${rule.kind}::text`.as('kind'),
            sql<string>`${rule.title}::text`.as('title'),
            sql<Date>`now()`.as('due_at'),
          ])
          .where('application_stages.kind', '=', 'applied')
          .where('applications.deleted_at', 'is', null)
          .where('applications.employer_responded_at', 'is', null)
          .where('applications.applied_at', '<=', sql<Date>`now() - make_interval(days => ${afterDays})`)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('tasks')
                  .select(sql`1`.as('one'))
                  .whereRef('tasks.application_id', '=', 'applications.id')
                  .where('tasks.kind', '=', rule.kind)
                  .whereRef('tasks.created_at', '>=', 'applications.applied_at'),
              ),
            ),
          )
          .limit(batchSize),
      )
      .returningAll()
      .execute();
    await appendTimeline(
      trx,
      tasks.flatMap((task) =>
        task.application_id === null
          ? []
          : [timelineEntry({ applicationId: task.application_id, userId: task.user_id, kind: 'follow_up', author: 'system', payload: { taskId: task.id, dueAt: task.due_at?.toISOString() ?? null, reason: 'silence' } })],
      ),
    );
    if (tasks.length > 0) await appendToOutbox(trx, tasks.map(taskCreated));
    return tasks.length;
  });
}
