import { describe, expect, it } from 'vitest';
import { preparationDueAt, thankYouDueAt, validateCalendarEvent } from '../../src/domain/calendar-input.ts';

const at = (iso: string) => new Date(iso);
const codes = (outcome: ReturnType<typeof validateCalendarEvent>) => (outcome.ok ? [] : outcome.errors.map((e) => `${e.code}:${e.field.join('.')}`));

describe('validateCalendarEvent', () => {
  it('takes a new event with its place, link and reminders, reminders sorted and once each', () => {
    const outcome = validateCalendarEvent(
      { kind: 'interview', title: ' Onsite\nround ', startsAt: at('2027-01-10T09:00:00Z'), endsAt: at('2027-01-10T11:00:00Z'), location: 'Berlin', meetingUrl: 'https://meet.example/abc', reminderMinutes: [60, 15, 60] },
      true,
    );
    expect(outcome).toEqual({
      ok: true,
      value: { kind: 'interview', title: 'Onsite round', starts_at: at('2027-01-10T09:00:00Z'), ends_at: at('2027-01-10T11:00:00Z'), location: 'Berlin', meeting_url: 'https://meet.example/abc', notes: null, reminder_minutes: [15, 60] },
    });
  });

  it('refuses an end at or before the start, an event over 14 days, and a bad link or reminder', () => {
    expect(codes(validateCalendarEvent({ kind: 'deadline', title: 'Due', startsAt: at('2027-01-10T09:00:00Z'), endsAt: at('2027-01-10T09:00:00Z') }, true))).toEqual(['DATES_OUT_OF_ORDER:input.endsAt']);
    expect(codes(validateCalendarEvent({ kind: 'other', title: 'Long', startsAt: at('2027-01-01T00:00:00Z'), endsAt: at('2027-01-16T00:00:00Z') }, true))).toEqual(['TOO_LONG_EVENT:input.endsAt']);
    expect(codes(validateCalendarEvent({ kind: 'other', title: 'x', startsAt: at('2027-01-01T00:00:00Z'), endsAt: at('2027-01-01T01:00:00Z'), meetingUrl: 'javascript:alert(1)', reminderMinutes: [-5] }, true))).toEqual([
      'INVALID_URL:input.meetingUrl',
      'INVALID_REMINDERS:input.reminderMinutes',
    ]);
    expect(codes(validateCalendarEvent({ kind: 'other', title: 'x', startsAt: at('2027-01-01T00:00:00Z'), endsAt: at('2027-01-01T01:00:00Z'), reminderMinutes: [1, 2, 3, 4, 5, 6] }, true))).toEqual([
      'INVALID_REMINDERS:input.reminderMinutes',
    ]);
  });

  it('in an edit, checks a moved start against the stored end, and writes only the keys given', () => {
    const current = { starts_at: at('2027-01-10T09:00:00Z'), ends_at: at('2027-01-10T10:00:00Z') };
    expect(codes(validateCalendarEvent({ startsAt: at('2027-01-10T12:00:00Z') }, false, current))).toEqual(['DATES_OUT_OF_ORDER:input.startsAt']);
    expect(validateCalendarEvent({ location: null, notes: '  bring the portfolio ' }, false, current)).toEqual({ ok: true, value: { location: null, notes: 'bring the portfolio' } });
    expect(codes(validateCalendarEvent({ title: '  ', kind: null }, false, current))).toEqual(['KIND_REQUIRED:input.kind', 'INVALID_TITLE:input.title']);
  });
});

describe('generated interview tasks', () => {
  it('prepares a day before, or at once when the interview is sooner; thanks a day after it ended', () => {
    const now = at('2027-01-01T12:00:00Z');
    expect(preparationDueAt(at('2027-01-05T09:00:00Z'), now)).toEqual(at('2027-01-04T09:00:00Z'));
    expect(preparationDueAt(at('2027-01-01T18:00:00Z'), now)).toEqual(now);
    expect(thankYouDueAt(at('2027-01-05T10:00:00Z'))).toEqual(at('2027-01-06T10:00:00Z'));
  });
});
