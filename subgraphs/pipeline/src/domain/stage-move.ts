import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { ApplicationStage } from '../db/types.ts';

export interface StageMove {
  readonly fromStageId: string;
  readonly toStage: ApplicationStage;
}

const field = ['input', 'stageId'];

/**
 * Whether an application now in `currentStageId` may move to `target` (the user's
 * stage with the requested id, or null when they have none). Any active stage may
 * follow any other: a tracker records what happened, and people correct mistakes or
 * reopen a rejected application. Only a move that changes nothing, or one into a
 * stage that does not exist for the user or is archived, is refused.
 */
export function planStageMove(currentStageId: string, target: ApplicationStage | null): Outcome<StageMove> {
  if (target === null) return fail(userError('STAGE_NOT_FOUND', 'You have no stage with this id.', field));
  if (target.id === currentStageId) return fail(userError('NO_CHANGE', 'The application is in this stage already.', field));
  if (target.archived_at !== null) return fail(userError('STAGE_ARCHIVED', 'This stage is archived; choose an active one.', field));
  return succeed({ fromStageId: currentStageId, toStage: target });
}
