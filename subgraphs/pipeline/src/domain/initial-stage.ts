import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { ApplicationStage } from '../db/types.ts';

const field = ['input', 'stageId'];

/**
 * The stage a new application starts in: the one asked for, which must be one of the
 * user's and not archived; else the user's first active stage in board order that is not
 * a wishlist (a job lands on the wishlist only when asked: it was not applied to yet).
 */
export function chooseInitialStage(stages: readonly ApplicationStage[], requestedId: string | null): Outcome<ApplicationStage> {
  if (requestedId !== null) {
    const requested = stages.find((stage) => stage.id === requestedId.toLowerCase());
    if (!requested) return fail(userError('STAGE_NOT_FOUND', 'You have no stage with this id.', field));
    if (requested.archived_at !== null) return fail(userError('STAGE_ARCHIVED', 'This stage is archived; choose an active one.', field));
    return succeed(requested);
  }
  const first = stages.filter((stage) => stage.archived_at === null && stage.kind !== 'wishlist').sort((a, b) => a.position - b.position)[0];
  if (!first) return fail(userError('NO_ACTIVE_STAGE', 'All your stages are archived; restore or add one first.', field));
  return succeed(first);
}
