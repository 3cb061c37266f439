import { appendToOutbox, CalendarEventDeleted, CalendarEventScheduled, CalendarEventUpdated, fail, succeed, userError, type Outcome, type PendingEvent } from '@jobgraph/kit';
import { sql, type Kysely } from 'kysely';
import type { CalendarEvent, Database } from '../db/types.ts';
import { calendarEventEvent, taskCreated, taskDeleted, taskUpdated } from '../events/published.ts';
import { interviewKinds, preparationDueAt, validateCalendarEvent, type CalendarEventInput } from './calendar-input.ts';
import type { PipelineDeps } from './deps.ts';
import { appendTimeline, timelineEntry } from './timeline.ts';

const eventNotFound = () => fail(userError('NOT_FOUND', 'You have no calendar event with this id.', ['input', 'eventId']));

/** The timeline entry and the preparation task an interview (or phone screen) calls for. */
async function scheduleInterview(trx: Kysely<Database>, event: CalendarEvent, now: Date): Promise<PendingEvent[]> {
  await appendTimeline(trx, [
    timelineEntry({
      applicationId: event.application_id,
      userId: event.user_id,
      kind: 'interview',
      author: 'user',
      payload: { calendarEventId: event.id, eventKind: event.kind, startsAt: event.starts_at.toISOString(), endsAt: event.ends_at.toISOString() },
    }),
  ]);
  const task = await trx
    .insertInto('tasks')
    .values({
      user_id: event.user_id,
      application_id: event.application_id,
      calendar_event_id: event.id,
      kind: 'interview_preparation',
      title: `Prepare for: ${event.title}`.slice(0, 200),
      due_at: preparationDueAt(event.starts_at, now),
      priority: 'high',
    })
    .onConflict((oc) => oc.columns(['calendar_event_id', 'kind']).where('calendar_event_id', 'is not', null).doNothing())
    .returningAll()
    .executeTakeFirst();
  return task ? [taskCreated(task)] : [];
}

/**
 * Puts an event about one of the user's live applications in their calendar (PI-16),
 * with CalendarEventScheduled; an interview or phone screen also writes an INTERVIEW
 * timeline entry and a preparation task (PI-18), all in one transaction.
 */
export async function createCalendarEvent(deps: PipelineDeps, userId: string, applicationId: string, input: CalendarEventInput, now = new Date()): Promise<Outcome<CalendarEvent>> {
  const checked = validateCalendarEvent(input, true);
  if (!checked.ok) return checked;
  const { kind, title, starts_at, ends_at, ...rest } = checked.value;
  if (!kind || !title || !starts_at || !ends_at) return fail(userError('KIND_REQUIRED', 'Say what, when and until when.', ['input']));
  return deps.db.transaction().execute(async (trx) => {
    const application = await trx.selectFrom('applications').select('id').where('id', '=', applicationId.toLowerCase()).where('user_id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!application) return fail(userError('NOT_FOUND', 'You have no application with this id.', ['input', 'applicationId']));
    const event = await trx
      .insertInto('calendar_events')
      .values({ application_id: application.id, user_id: userId, kind, title, starts_at, ends_at, ...rest })
      .returningAll()
      .executeTakeFirstOrThrow();
    const more = interviewKinds.has(event.kind) ? await scheduleInterview(trx, event, now) : [];
    await appendToOutbox(trx, [calendarEventEvent(CalendarEventScheduled, event), ...more]);
    return succeed(event);
  });
}

/** The user's event by id, locked, while its application is live; null for any other id. */
async function ownEvent(trx: Kysely<Database>, userId: string, eventId: string): Promise<CalendarEvent | null> {
  const event = await trx
    .selectFrom('calendar_events')
    .innerJoin('applications', 'applications.id', 'calendar_events.application_id')
    .selectAll('calendar_events')
    .where('calendar_events.id', '=', eventId.toLowerCase())
    .where('calendar_events.user_id', '=', userId)
    .where('applications.deleted_at', 'is', null)
    .forUpdate('calendar_events')
    .executeTakeFirst();
  return event ?? null;
}

/**
 * Edits one of the user's events; CalendarEventUpdated. A moved interview moves its open
 * preparation task with it; an event that becomes an interview gets one.
 */
export async function updateCalendarEvent(deps: PipelineDeps, userId: string, eventId: string, input: CalendarEventInput, now = new Date()): Promise<Outcome<CalendarEvent>> {
  return deps.db.transaction().execute(async (trx) => {
    const current = await ownEvent(trx, userId, eventId);
    if (!current) return eventNotFound();
    const checked = validateCalendarEvent(input, false, current);
    if (!checked.ok) return checked;
    const event = await trx
      .updateTable('calendar_events')
      .set({ ...checked.value, updated_at: sql<Date>`now()` })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const more: PendingEvent[] = [];
    if (interviewKinds.has(event.kind) && !interviewKinds.has(current.kind)) more.push(...(await scheduleInterview(trx, event, now)));
    else if (interviewKinds.has(event.kind) && event.starts_at.getTime() !== current.starts_at.getTime()) {
      const moved = await trx
        .updateTable('tasks')
        .set({ due_at: preparationDueAt(event.starts_at, now), updated_at: sql<Date>`now()` })
        .where('calendar_event_id', '=', event.id)
        .where('kind', '=', 'interview_preparation')
        .where('completed_at', 'is', null)
        .returningAll()
        .execute();
      more.push(...moved.map((task) => taskUpdated(task, ['due_at'])));
    }
    await appendToOutbox(trx, [calendarEventEvent(CalendarEventUpdated, event), ...more]);
    return succeed(event);
  });
}

/** Deletes one of the user's events, and the tasks generated from it; answers it as it was. */
export async function deleteCalendarEvent(deps: PipelineDeps, userId: string, eventId: string): Promise<Outcome<CalendarEvent>> {
  return deps.db.transaction().execute(async (trx) => {
    const event = await ownEvent(trx, userId, eventId);
    if (!event) return eventNotFound();
    const tasks = await trx.deleteFrom('tasks').where('calendar_event_id', '=', event.id).returningAll().execute();
    await trx.deleteFrom('calendar_events').where('id', '=', event.id).execute();
    await appendToOutbox(trx, [calendarEventEvent(CalendarEventDeleted, event), ...tasks.map(taskDeleted)]);
    return succeed(event);
  });
}
