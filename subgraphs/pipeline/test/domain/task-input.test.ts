import { describe, expect, it } from 'vitest';
import { validateTaskInput } from '../../src/domain/task-input.ts';

describe('validateTaskInput', () => {
  it('requires a title and a kind for a new task, and trims the title to one line', () => {
    expect(validateTaskInput({ title: '  Call\nGrace ', kind: 'referral' }, true)).toEqual({ ok: true, value: { title: 'Call Grace', kind: 'referral' } });
    const missing = validateTaskInput({ title: ' ' }, true);
    expect(missing.ok ? [] : missing.errors.map((e) => e.code)).toEqual(['INVALID_TITLE', 'KIND_REQUIRED']);
  });

  it('in an edit, writes only the keys given, null clearing a due date or an application but never a title or kind', () => {
    expect(validateTaskInput({ dueAt: null, applicationId: null, priority: 'high' }, false)).toEqual({ ok: true, value: { due_at: null, application_id: null, priority: 'high' } });
    const cleared = validateTaskInput({ title: null, kind: null }, false);
    expect(cleared.ok ? [] : cleared.errors.map((e) => e.code)).toEqual(['INVALID_TITLE', 'KIND_REQUIRED']);
    expect(validateTaskInput({ title: 'x'.repeat(201) }, false)).toMatchObject({ ok: false, errors: [{ code: 'TOO_LONG' }] });
  });
});
