import { describe, expect, it } from 'vitest';
import { isEditableEntry, readTimelinePayload, timelinePayload } from '../../src/domain/timeline-payload.ts';
import { validateNoteText } from '../../src/domain/manage-timeline.ts';

const id = '6f1f2a52-6b1e-4f0a-9a59-1f9a5c0f3b11';

describe('timeline payloads', () => {
  it('accepts each kind’s own shape', () => {
    expect(timelinePayload('note', { text: 'Called Grace' })).toEqual({ text: 'Called Grace' });
    const change = { stageChangeId: id, fromStageId: null, fromStageKind: null, toStageId: id, toStageKind: 'applied' as const, note: null };
    expect(timelinePayload('stage_change', change)).toEqual(change);
    expect(timelinePayload('follow_up', { taskId: id, dueAt: '2027-01-01T00:00:00.000Z', reason: 'silence' })).toMatchObject({ reason: 'silence' });
  });

  it('throws on a payload of another kind’s shape or with keys no kind names, so the write rolls back', () => {
    expect(() => timelinePayload('note', { text: '' })).toThrow(/note timeline payload/);
    expect(() => timelinePayload('offer', { stageId: id, salary: null, extra: 1 } as never)).toThrow(/offer/);
    expect(() => timelinePayload('interview', { calendarEventId: 'nope', eventKind: 'interview', startsAt: 'x', endsAt: 'y' })).toThrow(/calendarEventId/);
    expect(readTimelinePayload('email', { text: 'a note read as an email' })).toBeNull();
  });

  it('lets only the user’s own notes be edited', () => {
    expect(isEditableEntry({ kind: 'note', author: 'user' })).toBe(true);
    expect(isEditableEntry({ kind: 'note', author: 'system' })).toBe(false);
    expect(isEditableEntry({ kind: 'stage_change', author: 'user' })).toBe(false);
    expect(isEditableEntry({ kind: 'email', author: 'parser' })).toBe(false);
  });

  it('trims a note and refuses a blank or too long one', () => {
    expect(validateNoteText('  Sent the portfolio \n')).toEqual({ ok: true, value: 'Sent the portfolio' });
    expect(validateNoteText(' \n ')).toMatchObject({ ok: false, errors: [{ code: 'INVALID_TEXT' }] });
    expect(validateNoteText('x'.repeat(5001))).toMatchObject({ ok: false, errors: [{ code: 'TOO_LONG' }] });
  });
});
