import { describe, expect, it } from 'vitest';
import type { ApplicationStage } from '../../src/db/types.ts';
import { chooseInitialStage } from '../../src/domain/initial-stage.ts';

const stage = (name: string, position: number, archived = false): ApplicationStage => ({
  id: crypto.randomUUID(),
  user_id: crypto.randomUUID(),
  name,
  position,
  kind: 'applied',
  archived_at: archived ? new Date() : null,
  created_at: new Date(),
  updated_at: new Date(),
});

describe('chooseInitialStage', () => {
  const wishlist = stage('Wishlist', 0, true);
  const applied = stage('Applied', 1);
  const screening = stage('Screening', 2);
  const stages = [screening, wishlist, applied];

  it('starts in the first active stage in board order when none is asked for', () => {
    expect(chooseInitialStage(stages, null)).toEqual({ ok: true, value: applied });
  });

  it('lands on an active wishlist only when asked: a new application was applied to', () => {
    const someday = { ...stage('Someday', 0), kind: 'wishlist' as const };
    expect(chooseInitialStage([someday, applied], null)).toEqual({ ok: true, value: applied });
    expect(chooseInitialStage([someday, applied], someday.id)).toEqual({ ok: true, value: someday });
  });

  it('starts in the stage asked for, whatever the case of its id', () => {
    expect(chooseInitialStage(stages, screening.id.toUpperCase())).toEqual({ ok: true, value: screening });
  });

  it('refuses a stage the user does not have, and an archived one', () => {
    expect(chooseInitialStage(stages, crypto.randomUUID())).toMatchObject({ ok: false, errors: [{ code: 'STAGE_NOT_FOUND', field: ['input', 'stageId'] }] });
    expect(chooseInitialStage(stages, wishlist.id)).toMatchObject({ ok: false, errors: [{ code: 'STAGE_ARCHIVED' }] });
  });

  it('says NO_ACTIVE_STAGE when every stage is archived', () => {
    expect(chooseInitialStage([wishlist], null)).toMatchObject({ ok: false, errors: [{ code: 'NO_ACTIVE_STAGE' }] });
  });
});
