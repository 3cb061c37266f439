import type { IncomingMessage, ServerResponse } from 'node:http';
import ical, { ICalAlarmType } from 'ical-generator';
import { sql, type Kysely } from 'kysely';
import type { RouteHandler } from '@jobgraph/kit';
import type { CalendarEvent, Database } from '../db/types.ts';
import { feedTokenHash, looksLikeFeedToken } from '../domain/calendar-feed.ts';

export const calendarFeedPath = '/calendar/feed.ics';

/** How far back and how many events a feed holds. */
const pastDays = 90;
const maxEvents = 1_000;

const kindLabels: Readonly<Record<CalendarEvent['kind'], string>> = {
  interview: 'Interview',
  phone_screen: 'Phone screen',
  assessment: 'Assessment',
  deadline: 'Deadline',
  offer_call: 'Offer call',
  other: 'Event',
};

function notFound(response: ServerResponse): void {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end('Not found\n');
}

/** The user's events as an iCalendar document (RFC 5545), with their reminders as display alarms. */
export function renderCalendar(events: readonly CalendarEvent[]): string {
  const calendar = ical({ name: 'Jobgraph', prodId: { company: 'Jobgraph', product: 'Pipeline', language: 'EN' }, ttl: 15 * 60 });
  for (const event of events) {
    calendar.createEvent({
      id: `${event.id}@jobgraph`,
      start: event.starts_at,
      end: event.ends_at,
      summary: event.title,
      description: [kindLabels[event.kind], event.notes].filter(Boolean).join('\n\n'),
      location: event.location,
      url: event.meeting_url,
      created: event.created_at,
      lastModified: event.updated_at,
      stamp: event.updated_at,
      categories: [{ name: kindLabels[event.kind] }],
      alarms: event.reminder_minutes.map((minutes) => ({ type: ICalAlarmType.display, triggerBefore: minutes * 60, description: event.title })),
    });
  }
  return calendar.toString();
}

/**
 * `GET /calendar/feed.ics?token=…`: the private feed calendar apps subscribe to (PI-16).
 * The token is looked up by its sha-256; a malformed, unknown, rotated or revoked one
 * answers the same bare 404, so the address tells nothing about any user. Events of
 * applications in the trash are left out.
 */
export function calendarFeedRoute(db: Kysely<Database>): RouteHandler {
  return async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      response.end('GET only\n');
      return;
    }
    const token = new URL(request.url ?? '/', 'http://internal').searchParams.get('token');
    if (!looksLikeFeedToken(token)) return notFound(response);
    const feed = await db
      .updateTable('calendar_feeds')
      .set({ last_fetched_at: sql<Date>`now()` })
      .where('token_hash', '=', feedTokenHash(token))
      .returning('user_id')
      .executeTakeFirst();
    if (!feed) return notFound(response);
    const events = await db
      .selectFrom('calendar_events')
      .innerJoin('applications', 'applications.id', 'calendar_events.application_id')
      .selectAll('calendar_events')
      .where('calendar_events.user_id', '=', feed.user_id)
      .where('applications.deleted_at', 'is', null)
      .where('calendar_events.ends_at', '>', sql<Date>`now() - make_interval(days => ${pastDays})`)
      .orderBy('calendar_events.starts_at')
      .limit(maxEvents)
      .execute();
    const body = renderCalendar(events);
    response.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, no-store', 'content-disposition': 'inline; filename="jobgraph.ics"' });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}
