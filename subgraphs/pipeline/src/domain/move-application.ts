import { appendToOutbox, fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import { sql, type Kysely } from 'kysely';
import type { Application, Database } from '../db/types.ts';
import { applicationStageChanged } from '../events/published.ts';
import { validateNote } from './application-input.ts';
import type { PipelineDeps } from './deps.ts';
import { planStageMove } from './stage-move.ts';
import { appendTimeline, stageChangeEntries } from './timeline.ts';
import type { DbTimelineAuthor } from '../db/types.ts';

export interface MoveApplicationCommand {
  readonly applicationId: string;
  readonly stageId: string;
  readonly note?: string | null;
}

/**
 * Moves one of `userId`'s applications to another of their stages and records the
 * change in its timeline, with ApplicationStageChanged in the outbox, in one transaction. The application row is locked first, so
 * concurrent moves queue up and every timeline entry starts where the previous one ended.
 * Someone else's application answers NOT_FOUND, exactly like one that does not exist.
 */
export async function moveApplication(deps: PipelineDeps, userId: string, command: MoveApplicationCommand): Promise<Outcome<Application>> {
  const note = validateNote(command.note);
  if (!note.ok) return note;
  const applicationId = command.applicationId.toLowerCase();
  const stageId = command.stageId.toLowerCase();

  return deps.db.transaction().execute((trx) => moveApplicationIn(trx, userId, { applicationId, stageId, note: note.value }, userId));
}

/**
 * `moveApplication`'s work inside the caller's transaction (ids lower-case, note already
 * checked). `changedBy` is who the timeline entry names: the user, or null when the
 * system (the email parser) moved it.
 */
export async function moveApplicationIn(
  trx: Kysely<Database>,
  userId: string,
  { applicationId, stageId, note }: { readonly applicationId: string; readonly stageId: string; readonly note: string | null },
  changedBy: string | null,
  author: DbTimelineAuthor = changedBy === null ? 'system' : 'user',
): Promise<Outcome<Application>> {
  const application = await trx
    .selectFrom('applications')
    .innerJoin('application_stages', 'application_stages.id', 'applications.stage_id')
    .select(['applications.id', 'applications.stage_id', 'application_stages.kind as stage_kind'])
    .where('applications.id', '=', applicationId)
    .where('applications.user_id', '=', userId)
    .where('applications.deleted_at', 'is', null)
    .forUpdate('applications')
    .executeTakeFirst();
  if (!application) return fail(userError('NOT_FOUND', 'You have no application with this id.', ['input', 'applicationId']));

  const target = await trx.selectFrom('application_stages').selectAll().where('id', '=', stageId).where('user_id', '=', userId).executeTakeFirst();
  const move = planStageMove(application.stage_id, target ?? null);
  if (!move.ok) return move;

  const moved = await trx
    .updateTable('applications')
    .set({
      stage_id: move.value.toStage.id,
      updated_at: sql<Date>`now()`,
      // Leaving the wishlist for any other stage means the user applied now, unless they said when.
      ...(move.value.toStage.kind === 'wishlist' ? {} : { applied_at: sql<Date>`coalesce(applied_at, now())` }),
    })
    .where('id', '=', application.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const change = await trx
    .insertInto('application_stage_changes')
    .values({ application_id: application.id, from_stage_id: move.value.fromStageId, to_stage_id: move.value.toStage.id, note, changed_by: changedBy })
    .returningAll()
    .executeTakeFirstOrThrow();
  const from = { id: application.stage_id, kind: application.stage_kind };
  await appendTimeline(trx, stageChangeEntries(moved, change, from, move.value.toStage, author));
  await appendToOutbox(trx, [applicationStageChanged(moved, from, move.value.toStage, change)]);
  return succeed(moved);
}
