import { fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';
import type { DbCalendarEventKind } from '../db/types.ts';
import { maxUrlLength, webAddress } from './application-input.ts';
import { cleanText } from './clean-text.ts';

export const maxEventTitleLength = 200;
export const maxLocationLength = 500;
export const maxEventNotesLength = 5_000;
export const maxEventDurationMs = 14 * 24 * 60 * 60 * 1000;
export const maxReminders = 5;
export const maxReminderMinutes = 40_320;

/** A calendar event's fields; in an update an absent key stays as it is and `null` clears it. */
export interface CalendarEventInput {
  readonly kind?: DbCalendarEventKind | null;
  readonly title?: string | null;
  readonly startsAt?: Date | null;
  readonly endsAt?: Date | null;
  readonly location?: string | null;
  readonly meetingUrl?: URL | string | null;
  readonly notes?: string | null;
  readonly reminderMinutes?: readonly number[] | null;
}

export interface CalendarEventPatch {
  kind?: DbCalendarEventKind;
  title?: string;
  starts_at?: Date;
  ends_at?: Date;
  location?: string | null;
  meeting_url?: string | null;
  notes?: string | null;
  reminder_minutes?: number[];
}

const at = (name: string) => ['input', name];
const tooLong = (max: number, field: string) => userError('TOO_LONG', `Use at most ${max} characters.`, at(field));

/**
 * Checks an event's fields (PI-16). `creating` requires kind, title and both times.
 * Order is checked against `current` (the stored times) when an update gives only one.
 */
export function validateCalendarEvent(input: CalendarEventInput, creating: boolean, current?: { readonly starts_at: Date; readonly ends_at: Date }): Outcome<CalendarEventPatch> {
  const errors: UserError[] = [];
  const patch: CalendarEventPatch = {};
  const has = (key: keyof CalendarEventInput) => creating || Object.hasOwn(input, key);

  if (input.kind) patch.kind = input.kind;
  else if (has('kind')) errors.push(userError('KIND_REQUIRED', 'Say what kind of event it is.', at('kind')));
  if (has('title')) {
    const title = cleanText(input.title, maxEventTitleLength, { singleLine: true });
    if (!title.ok) errors.push(tooLong(maxEventTitleLength, 'title'));
    else if (title.value === null) errors.push(userError('INVALID_TITLE', 'Give the event a title.', at('title')));
    else patch.title = title.value;
  }
  for (const key of ['startsAt', 'endsAt'] as const) {
    const value = input[key];
    if (value) patch[key === 'startsAt' ? 'starts_at' : 'ends_at'] = value;
    else if (has(key)) errors.push(userError('DATE_REQUIRED', 'Say when.', at(key)));
  }
  if (has('location')) {
    const location = cleanText(input.location, maxLocationLength, { singleLine: true });
    if (!location.ok) errors.push(tooLong(maxLocationLength, 'location'));
    else patch.location = location.value;
  }
  if (has('meetingUrl')) {
    const url = webAddress(input.meetingUrl ?? null);
    if (url === 'invalid') errors.push(userError('INVALID_URL', 'Use an http or https address.', at('meetingUrl')));
    else if (url !== null && url.length > maxUrlLength) errors.push(tooLong(maxUrlLength, 'meetingUrl'));
    else patch.meeting_url = url;
  }
  if (has('notes')) {
    const notes = cleanText(input.notes, maxEventNotesLength);
    if (!notes.ok) errors.push(tooLong(maxEventNotesLength, 'notes'));
    else patch.notes = notes.value;
  }
  if (has('reminderMinutes')) {
    const reminders = [...new Set(input.reminderMinutes ?? [])].sort((a, b) => a - b);
    if (reminders.length > maxReminders || reminders.some((m) => !Number.isInteger(m) || m < 0 || m > maxReminderMinutes)) {
      errors.push(userError('INVALID_REMINDERS', `Give at most ${maxReminders} reminders, each 0 to ${maxReminderMinutes} minutes before the start.`, at('reminderMinutes')));
    } else patch.reminder_minutes = reminders;
  }

  const startsAt = patch.starts_at ?? current?.starts_at;
  const endsAt = patch.ends_at ?? current?.ends_at;
  if (startsAt && endsAt && (patch.starts_at || patch.ends_at)) {
    const field = patch.ends_at ? 'endsAt' : 'startsAt';
    if (endsAt.getTime() <= startsAt.getTime()) errors.push(userError('DATES_OUT_OF_ORDER', 'The event must end after it starts.', at(field)));
    else if (endsAt.getTime() - startsAt.getTime() > maxEventDurationMs) errors.push(userError('TOO_LONG_EVENT', 'An event lasts at most 14 days.', at(field)));
  }
  return errors.length > 0 ? fail(...errors) : succeed(patch);
}

/** Event kinds that call for preparation before and thanks after. */
export const interviewKinds: ReadonlySet<DbCalendarEventKind> = new Set(['interview', 'phone_screen']);

const hourMs = 60 * 60 * 1000;

/** When to prepare for an interview starting at `startsAt`: a day before, or now when it is sooner. */
export function preparationDueAt(startsAt: Date, now: Date): Date {
  return new Date(Math.max(now.getTime(), startsAt.getTime() - 24 * hourMs));
}

/** When to thank the interviewers: a day after the interview ended. */
export function thankYouDueAt(endsAt: Date): Date {
  return new Date(endsAt.getTime() + 24 * hourMs);
}
