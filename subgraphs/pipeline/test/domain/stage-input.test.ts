import { describe, expect, it } from 'vitest';
import { validateStageName, validateStageOrder } from '../../src/domain/stage-input.ts';

describe('validateStageName', () => {
  it('trims to one line and refuses blank or overlong names', () => {
    expect(validateStageName('  Phone\n screen ')).toEqual({ ok: true, value: 'Phone screen' });
    expect(validateStageName('   ')).toMatchObject({ ok: false, errors: [{ code: 'INVALID_NAME' }] });
    expect(validateStageName('x'.repeat(61))).toMatchObject({ ok: false, errors: [{ code: 'TOO_LONG' }] });
  });
});

describe('validateStageOrder', () => {
  const active = ['a', 'b', 'c'];
  it('accepts every active stage once, in any order, whatever the case of the ids', () => {
    expect(validateStageOrder(active, ['C', 'a', 'b'])).toEqual({ ok: true, value: ['c', 'a', 'b'] });
  });
  it('names what is wrong: a stage twice, one that is not the user’s, one missing', () => {
    expect(validateStageOrder(active, ['a', 'a', 'b', 'c'])).toMatchObject({ ok: false, errors: [{ code: 'DUPLICATE_STAGE' }] });
    expect(validateStageOrder(active, ['a', 'b', 'z'])).toMatchObject({ ok: false, errors: [{ code: 'STAGE_NOT_FOUND' }] });
    expect(validateStageOrder(active, ['a', 'b'])).toMatchObject({ ok: false, errors: [{ code: 'INCOMPLETE_ORDER' }] });
  });
});
