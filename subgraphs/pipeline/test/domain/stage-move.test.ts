import { describe, expect, it } from 'vitest';
import type { ApplicationStage } from '../../src/db/types.ts';
import { planStageMove } from '../../src/domain/stage-move.ts';

const userId = crypto.randomUUID();
const stage = (name: string, position: number, kind: ApplicationStage['kind'], archived = false): ApplicationStage => ({
  id: crypto.randomUUID(),
  user_id: userId,
  name,
  position,
  kind,
  archived_at: archived ? new Date() : null,
  created_at: new Date(),
  updated_at: new Date(),
});

const applied = stage('Applied', 1, 'applied');
const interview = stage('Interview', 3, 'interview');
const rejected = stage('Rejected', 6, 'rejected');
const retired = stage('Take-home', 4, 'interview', true);

describe('planStageMove', () => {
  it('moves forward, backward, and out of a closed stage: a tracker records what happened', () => {
    expect(planStageMove(applied.id, interview)).toEqual({ ok: true, value: { fromStageId: applied.id, toStage: interview } });
    expect(planStageMove(interview.id, applied).ok).toBe(true);
    expect(planStageMove(rejected.id, interview).ok).toBe(true);
  });

  it('refuses a move to the current stage as NO_CHANGE', () => {
    expect(planStageMove(interview.id, interview)).toMatchObject({ ok: false, errors: [{ code: 'NO_CHANGE', field: ['input', 'stageId'] }] });
  });

  it('refuses an archived stage as STAGE_ARCHIVED, but staying in one is NO_CHANGE', () => {
    expect(planStageMove(applied.id, retired)).toMatchObject({ ok: false, errors: [{ code: 'STAGE_ARCHIVED' }] });
    expect(planStageMove(retired.id, retired)).toMatchObject({ ok: false, errors: [{ code: 'NO_CHANGE' }] });
  });

  it('refuses a stage the user does not have as STAGE_NOT_FOUND', () => {
    expect(planStageMove(applied.id, null)).toMatchObject({ ok: false, errors: [{ code: 'STAGE_NOT_FOUND' }] });
  });
});
