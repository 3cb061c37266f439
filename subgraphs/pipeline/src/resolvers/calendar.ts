import { badUserInput, isUuid, parsePage, toConnection, type Cursor, type Outcome } from '@jobgraph/kit';
import type { CalendarPosition } from '../db/calendar-pages.ts';
import type { CalendarEvent as CalendarEventRow, DbCalendarEventKind } from '../db/types.ts';
import { mayReadNotesOf } from '../domain/access.ts';
import type { CalendarEventInput } from '../domain/calendar-input.ts';
import type { PipelineDeps } from '../domain/deps.ts';
import { createCalendarEvent, deleteCalendarEvent, updateCalendarEvent } from '../domain/manage-calendar.ts';
import { revokeCalendarFeed, rotateCalendarFeed } from '../domain/manage-calendar-feed.ts';
import type { ApplicationResolvers, CalendarEventKind, CalendarEventResolvers, CalendarFeedResolvers, MutationResolvers, UserResolvers } from '../generated/resolvers.ts';
import { requireTrackerReader, requireViewerId } from './viewer.ts';

const microsecondTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function calendarPosition(cursor: Cursor): CalendarPosition {
  const key = cursor.key;
  if (typeof key !== 'string' || !microsecondTimestamp.test(key) || Number.isNaN(Date.parse(key)) || !isUuid(cursor.id)) {
    throw badUserInput('`after` is not a cursor this API issued.', { argument: 'after' });
  }
  return { startsKey: key, id: cursor.id.toLowerCase() };
}

export const CalendarEvent: CalendarEventResolvers = {
  application: async (event, _args, { loaders }) => {
    const application = await loaders.applicationById.load(event.application_id);
    if (!application) throw new Error(`calendar event ${event.id} reached a viewer who may not read its application`);
    return application;
  },
  kind: (event) => event.kind.toUpperCase() as CalendarEventKind,
  startsAt: (event) => event.starts_at,
  endsAt: (event) => event.ends_at,
  meetingUrl: (event) => event.meeting_url,
  reminderMinutes: (event) => [...event.reminder_minutes],
  createdAt: (event) => event.created_at,
  updatedAt: (event) => event.updated_at,
};

export const CalendarFeed: CalendarFeedResolvers = {
  createdAt: (feed) => feed.created_at,
  lastFetchedAt: (feed) => feed.last_fetched_at,
};

export const applicationCalendarEvents: NonNullable<ApplicationResolvers['calendarEvents']> = async (application, _args, { principal, loaders }) =>
  mayReadNotesOf(principal, { userId: application.user_id }) ? [...(await loaders.calendarEventsByApplication.load(application.id))] : [];

export function calendarUserResolvers(deps: PipelineDeps): UserResolvers {
  return {
    calendarEvents: async (user, args, { principal, loaders }) => {
      requireTrackerReader(principal, user.id);
      const page = parsePage(args);
      const query = { limit: page.limit, after: page.after === null ? null : calendarPosition(page.after), from: (args.from ?? new Date()).toISOString() };
      const rows = await loaders.calendarPages(query).load(user.id.toLowerCase());
      const connection = toConnection(rows, page, (row) => ({ key: row.cursor_key, id: row.id }));
      return { edges: [...connection.edges], pageInfo: connection.pageInfo };
    },
    calendarFeed: async (user, _args, { principal }) => {
      requireTrackerReader(principal, user.id);
      const feed = await deps.db.selectFrom('calendar_feeds').select(['created_at', 'last_fetched_at']).where('user_id', '=', user.id.toLowerCase()).executeTakeFirst();
      return feed ?? null;
    },
  };
}

interface EventArgs {
  readonly kind?: CalendarEventKind | null;
  readonly title?: string | null;
  readonly startsAt?: Date | null;
  readonly endsAt?: Date | null;
  readonly location?: string | null;
  readonly meetingUrl?: URL | null;
  readonly notes?: string | null;
  readonly reminderMinutes?: readonly number[] | null;
}

/** GraphQL's enum as the database's lower-case text; absent keys stay absent. */
function eventInput(args: EventArgs): CalendarEventInput {
  const { kind, ...rest } = args;
  return { ...rest, ...(Object.hasOwn(args, 'kind') ? { kind: kind ? (kind.toLowerCase() as DbCalendarEventKind) : null } : {}) };
}

const eventPayload = (outcome: Outcome<CalendarEventRow>) =>
  outcome.ok ? { event: outcome.value, errors: [] } : { event: null, errors: outcome.errors.map((e) => ({ ...e, field: [...e.field] })) };

/** h8: calendar events and the iCalendar feed (PI-16). */
export function calendarMutations(deps: PipelineDeps, feedUrl: string): MutationResolvers {
  return {
    createCalendarEvent: async (_parent, { input }, { principal }) => {
      const { applicationId, ...fields } = input;
      return eventPayload(await createCalendarEvent(deps, requireViewerId(principal), applicationId, eventInput(fields)));
    },
    updateCalendarEvent: async (_parent, { input }, { principal }) => {
      const { eventId, ...fields } = input;
      return eventPayload(await updateCalendarEvent(deps, requireViewerId(principal), eventId, eventInput(fields)));
    },
    deleteCalendarEvent: async (_parent, { input }, { principal }) => eventPayload(await deleteCalendarEvent(deps, requireViewerId(principal), input.eventId)),
    rotateCalendarFeed: async (_parent, _args, { principal }) => {
      const issued = await rotateCalendarFeed(deps, requireViewerId(principal));
      const url = new URL(feedUrl);
      url.searchParams.set('token', issued.token);
      return { feed: issued.feed, url: url.href, errors: [] };
    },
    revokeCalendarFeed: async (_parent, _args, { principal }) => {
      const revoked = await revokeCalendarFeed(deps, requireViewerId(principal));
      return revoked.ok ? { feed: revoked.value, url: null, errors: [] } : { feed: null, url: null, errors: revoked.errors.map((e) => ({ ...e, field: [...e.field] })) };
    },
  };
}
