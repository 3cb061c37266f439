import { ApplicationStageAdded, ApplicationStageArchived, ApplicationStageUpdated, appendToOutbox, fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import { sql, type Kysely } from 'kysely';
import type { ApplicationStage, Database, DbStageKind } from '../db/types.ts';
import { applicationStageChanged, stageEvent } from '../events/published.ts';
import { ensureDefaultStages } from './default-stages.ts';
import type { PipelineDeps } from './deps.ts';
import { maxStages, validateStageName, validateStageOrder } from './stage-input.ts';
import { appendTimeline, stageChangeEntries } from './timeline.ts';

const stageNotFound = (field: readonly string[] = ['input', 'stageId']) => fail(userError('NOT_FOUND', 'You have no stage with this id.', field));
const nameTaken = () => fail(userError('NAME_TAKEN', 'You have a stage with this name already.', ['input', 'name']));

/** Postgres' unique_violation on the (user, lower(name)) index. */
const isNameClash = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505' && String((error as { constraint?: string }).constraint) === 'application_stages_user_name_key';

async function lockBoard(trx: Kysely<Database>, userId: string): Promise<ApplicationStage[]> {
  await ensureDefaultStages(trx, userId);
  return trx.selectFrom('application_stages').selectAll().where('user_id', '=', userId).orderBy('position').forUpdate().execute();
}

/** Adds a stage at the end of `userId`'s board (PI-06), a WISHLIST one included (PI-07). */
export async function addStage(deps: PipelineDeps, userId: string, input: { readonly name: string; readonly kind: DbStageKind }): Promise<Outcome<ApplicationStage>> {
  const name = validateStageName(input.name);
  if (!name.ok) return name;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const board = await lockBoard(trx, userId);
      if (board.filter((s) => s.archived_at === null).length >= maxStages) return fail(userError('TOO_MANY_STAGES', `A board holds at most ${maxStages} active stages.`, ['input']));
      const position = Math.max(0, ...board.map((s) => s.position + 1));
      const stage = await trx.insertInto('application_stages').values({ user_id: userId, name: name.value, kind: input.kind, position }).returningAll().executeTakeFirstOrThrow();
      await appendToOutbox(trx, [stageEvent(ApplicationStageAdded, stage)]);
      return succeed(stage);
    });
  } catch (error) {
    if (isNameClash(error)) return nameTaken();
    throw error;
  }
}

/** Renames a stage or changes what it means (PI-06). Archived stages may be renamed too. */
export async function updateStage(deps: PipelineDeps, userId: string, input: { readonly stageId: string; readonly name?: string | null; readonly kind?: DbStageKind | null }): Promise<Outcome<ApplicationStage>> {
  const name = input.name == null ? null : validateStageName(input.name);
  if (name && !name.ok) return name;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const stage = await trx
        .updateTable('application_stages')
        .set({ ...(name ? { name: name.value } : {}), ...(input.kind ? { kind: input.kind } : {}), updated_at: sql<Date>`now()` })
        .where('id', '=', input.stageId.toLowerCase())
        .where('user_id', '=', userId)
        .returningAll()
        .executeTakeFirst();
      if (!stage) return stageNotFound();
      await appendToOutbox(trx, [stageEvent(ApplicationStageUpdated, stage)]);
      return succeed(stage);
    });
  } catch (error) {
    if (isNameClash(error)) return nameTaken();
    throw error;
  }
}

/**
 * Puts `userId`'s active stages in the order given (PI-06): they take positions 0…n-1,
 * archived ones follow in their old order. Positions are unique per user, so the rows
 * first move out of the way in the same transaction.
 */
export async function reorderStages(deps: PipelineDeps, userId: string, stageIds: readonly string[]): Promise<Outcome<readonly ApplicationStage[]>> {
  if (stageIds.length > maxStages) return fail(userError('INCOMPLETE_ORDER', 'Give every active stage of yours, in the new order.', ['input', 'stageIds']));
  return deps.db.transaction().execute(async (trx) => {
    const board = await lockBoard(trx, userId);
    const active = board.filter((s) => s.archived_at === null);
    const order = validateStageOrder(
      active.map((s) => s.id),
      stageIds,
    );
    if (!order.ok) return order;
    const archived = board.filter((s) => s.archived_at !== null).map((s) => s.id);
    const final = [...order.value, ...archived];
    const shift = Math.max(...board.map((s) => s.position)) + 1;
    await trx.updateTable('application_stages').set({ position: sql<number>`position + ${shift}::int` }).where('user_id', '=', userId).execute();
    const positionOf = sql<number>`case id ${sql.join(final.map((id, index) => sql`when ${id}::uuid then ${index}::int`), sql` `)} end`;
    const moved = await trx
      .updateTable('application_stages')
      .set({ position: positionOf, updated_at: sql<Date>`now()` })
      .where('user_id', '=', userId)
      .returningAll()
      .execute();
    const changed = moved.filter((stage) => board.find((before) => before.id === stage.id)?.position !== stage.position);
    if (changed.length > 0) await appendToOutbox(trx, changed.map((stage) => stageEvent(ApplicationStageUpdated, stage)));
    return succeed(moved.filter((s) => s.archived_at === null).sort((a, b) => a.position - b.position));
  });
}

export interface ArchivedStage {
  readonly stage: ApplicationStage;
  /** How many applications moved to the move-to stage. */
  readonly moved: number;
}

/**
 * Archives a stage (PI-06). Its live applications move to `moveToStageId` (an active
 * stage of the user's), each with a timeline entry and ApplicationStageChanged; a stage
 * with live applications and no move-to stage is refused with STAGE_NOT_EMPTY. Deleted
 * applications stay where they were: a restore puts them back in an archived stage.
 */
export async function archiveStage(deps: PipelineDeps, userId: string, input: { readonly stageId: string; readonly moveToStageId?: string | null }): Promise<Outcome<ArchivedStage>> {
  return deps.db.transaction().execute(async (trx) => {
    const board = await lockBoard(trx, userId);
    const stage = board.find((s) => s.id === input.stageId.toLowerCase());
    if (!stage) return stageNotFound();
    if (stage.archived_at !== null) return fail(userError('STAGE_ARCHIVED', 'This stage is archived already.', ['input', 'stageId']));
    const moveToId = input.moveToStageId?.toLowerCase() ?? null;
    const moveTo = moveToId === null ? null : board.find((s) => s.id === moveToId);
    if (moveToId !== null && !moveTo) return stageNotFound(['input', 'moveToStageId']);
    if (moveTo && (moveTo.archived_at !== null || moveTo.id === stage.id)) {
      return fail(userError('STAGE_ARCHIVED', 'Move the applications to another active stage.', ['input', 'moveToStageId']));
    }
    if (board.filter((s) => s.archived_at === null).length <= 1) return fail(userError('LAST_STAGE', 'Keep at least one active stage.', ['input', 'stageId']));

    let moved = 0;
    const live = trx.selectFrom('applications').selectAll().where('stage_id', '=', stage.id).where('deleted_at', 'is', null);
    if (!moveTo) {
      const any = await live.select('id').limit(1).executeTakeFirst();
      if (any) return fail(userError('STAGE_NOT_EMPTY', 'Applications sit in this stage; say which stage they move to.', ['input', 'moveToStageId']));
    } else {
      const applications = await trx
        .updateTable('applications')
        .set({ stage_id: moveTo.id, updated_at: sql<Date>`now()`, ...(moveTo.kind === 'wishlist' ? {} : { applied_at: sql<Date>`coalesce(applied_at, now())` }) })
        .where('stage_id', '=', stage.id)
        .where('deleted_at', 'is', null)
        .returningAll()
        .execute();
      moved = applications.length;
      if (moved > 0) {
        const changes = await trx
          .insertInto('application_stage_changes')
          .values(applications.map((a) => ({ application_id: a.id, from_stage_id: stage.id, to_stage_id: moveTo.id, note: null, changed_by: userId })))
          .returningAll()
          .execute();
        const byApplication = new Map(changes.map((c) => [c.application_id, c]));
        await appendTimeline(
          trx,
          applications.flatMap((a) => {
            const change = byApplication.get(a.id);
            return change ? stageChangeEntries(a, change, stage, moveTo, 'user') : [];
          }),
        );
        await appendToOutbox(
          trx,
          applications.flatMap((a) => {
            const change = byApplication.get(a.id);
            return change ? [applicationStageChanged(a, stage, moveTo, change)] : [];
          }),
        );
      }
    }
    const archived = await trx.updateTable('application_stages').set({ archived_at: sql<Date>`now()`, updated_at: sql<Date>`now()` }).where('id', '=', stage.id).returningAll().executeTakeFirstOrThrow();
    await appendToOutbox(trx, [stageEvent(ApplicationStageArchived, archived)]);
    return succeed({ stage: archived, moved });
  });
}
