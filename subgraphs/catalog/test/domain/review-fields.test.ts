import { describe, expect, it } from 'vitest';
import { validateRejectionReason, validateReviewFields } from '../../src/domain/review-fields.ts';

const codes = (outcome: ReturnType<typeof validateReviewFields>) => (outcome.ok ? [] : outcome.errors.map((error) => error.code));

describe('review fields', () => {
  it('takes whole ratings from 1 to 5 only', () => {
    for (const rating of [1, 3, 5]) expect(codes(validateReviewFields({ rating }, ['input']))).toEqual([]);
    for (const rating of [0, 6, 2.5, -1, Number.NaN]) expect(codes(validateReviewFields({ rating }, ['input']))).toEqual(['INVALID_RATING']);
  });

  it('trims the title to one line and keeps the body\'s line breaks, refusing other control characters', () => {
    const outcome = validateReviewFields({ title: '  Great\n team  ', body: ' First line.\r\nSecond line. ' }, ['input']);
    expect(outcome).toEqual({ ok: true, value: { title: 'Great team', body: 'First line.\nSecond line.' } });
    expect(codes(validateReviewFields({ title: 'x'.repeat(151), body: 'bell\u0007' }, ['input']))).toEqual(['INVALID_TITLE', 'INVALID_BODY']);
    expect(codes(validateReviewFields({ title: '   ', body: '' }, ['input']))).toEqual(['INVALID_TITLE', 'INVALID_BODY']);
  });

  it('leaves out what was not given, so an edit keeps it', () => {
    expect(validateReviewFields({ anonymous: true }, ['input'])).toEqual({ ok: true, value: { anonymous: true } });
  });

  it('takes a rejection reason of up to 500 characters, and blank as none', () => {
    expect(validateRejectionReason('  ', ['reason'])).toEqual({ ok: true, value: null });
    expect(validateRejectionReason('Names a person.', ['reason'])).toEqual({ ok: true, value: 'Names a person.' });
    expect(validateRejectionReason('x'.repeat(501), ['reason']).ok).toBe(false);
  });
});
