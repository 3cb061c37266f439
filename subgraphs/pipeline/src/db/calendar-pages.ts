import { sql, type Kysely } from 'kysely';
import { compiledOnce } from './compiled-once.ts';
import { joinedApplicationColumns, splitJoinedApplication } from './application-columns.ts';
import type { Application, CalendarEvent, Database } from './types.ts';

export interface CalendarPosition {
  /** starts_at of the last event seen, as exact microsecond UTC text. */
  readonly startsKey: string;
  readonly id: string;
}

export interface CalendarPageQuery {
  readonly limit: number;
  readonly after: CalendarPosition | null;
  /** Events that end after this instant (ISO text). */
  readonly from: string;
}

/** An event with its cursor key and its live application (read with the page). */
export type CalendarPageRow = CalendarEvent & { readonly cursor_key: string; readonly live_application: Application | null };

const startsKey = sql<string>`to_char(calendar_events.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The same page of many users' calendars in one statement: events ending after `from`,
 * soonest start first, ties by id; numbered per user and cut at `limit + 1`. Events of
 * applications in the trash are left out.
 */
export async function selectCalendarPages(db: Kysely<Database>, userIds: readonly string[], query: CalendarPageQuery): Promise<CalendarPageRow[]> {
  if (userIds.length === 0) return [];
  const { after } = query;
  const rows = await calendarPages(db, { after: after !== null }, [query.limit + 1, query.from, after?.startsKey ?? null, after?.id ?? null, ...userIds]);
  return rows.map(({ rank: _rank, ...row }) => splitJoinedApplication(row) as CalendarPageRow);
}

/** Values: rows per user (`limit + 1`), the instant events end after, the position after which the page starts (starts key, id; unused without one), then the user ids. */
const calendarPages = compiledOnce((db, [limit, from, afterKey, afterId, ...userIds], shape: { after: boolean }) => {
  const ranked = db
    .selectFrom('calendar_events')
    .innerJoin('applications', 'applications.id', 'calendar_events.application_id')
    .selectAll('calendar_events')
    // The event's (live) application rides along, so `CalendarEvent.application` costs no statement of its own.
    .select(joinedApplicationColumns('applications'))
    .select((eb) => [
      startsKey.as('cursor_key'),
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.partitionBy('calendar_events.user_id').orderBy('calendar_events.starts_at').orderBy('calendar_events.id'))
        .as('rank'),
    ])
    .where('calendar_events.user_id', 'in', userIds)
    .where('applications.deleted_at', 'is', null)
    .where('calendar_events.ends_at', '>', sql<Date>`${from}::timestamptz`)
    .$if(shape.after, (qb) => qb.where(sql<boolean>`(calendar_events.starts_at, calendar_events.id) > (${afterKey}::timestamptz, ${afterId}::uuid)`));
  return db.selectFrom(ranked.as('ranked')).selectAll().where('rank', '<=', limit!).orderBy('user_id').orderBy('rank');
});
