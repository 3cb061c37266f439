import { appendToOutbox } from '@jobgraph/kit';
import { sql, type Kysely } from 'kysely';
import type { Database, DbCalendarEventKind } from '../db/types.ts';
import { calendarReminderDue } from '../events/published.ts';

interface DueReminder {
  readonly id: string;
  readonly application_id: string;
  readonly user_id: string;
  readonly kind: DbCalendarEventKind;
  readonly starts_at: Date;
  readonly minutes_before: number;
}

/**
 * Fires the reminders that fell due (PI-16): each (event, minutes before, start time)
 * once, recorded in `calendar_reminders_fired` with CalendarReminderDue in the outbox, in
 * one transaction. A reminder more than a day overdue (an event entered after the fact)
 * is not fired; moving an event re-arms its reminders. Events of applications in the
 * trash stay quiet. At most `batchSize` per call; returns how many fired. Run by the
 * scheduled reminder job, one instance at a time.
 */
export async function fireDueReminders(db: Kysely<Database>, batchSize = 500): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<DueReminder>`
      with due as (
        select e.id, e.application_id, e.user_id, e.kind, e.starts_at, m.minutes as minutes_before
        from calendar_events e
        join applications a on a.id = e.application_id and a.deleted_at is null
        cross join lateral unnest(e.reminder_minutes) as m(minutes)
        where e.starts_at > now() - interval '1 day'
          and e.starts_at <= now() + interval '28 days 1 minute'
          and e.starts_at - make_interval(mins => m.minutes) <= now()
          and e.starts_at - make_interval(mins => m.minutes) > now() - interval '1 day'
          and not exists (
            select 1 from calendar_reminders_fired f
            where f.event_id = e.id and f.minutes_before = m.minutes and f.starts_at = e.starts_at
          )
        limit ${batchSize}
      ), fired as (
        insert into calendar_reminders_fired (event_id, minutes_before, starts_at)
        select id, minutes_before, starts_at from due
        on conflict do nothing
        returning event_id, minutes_before
      )
      select due.* from due join fired on fired.event_id = due.id and fired.minutes_before = due.minutes_before
    `.execute(trx);
    if (rows.length > 0) await appendToOutbox(trx, rows.map((row) => calendarReminderDue({ ...row, starts_at: new Date(row.starts_at) }, row.minutes_before)));
    return rows.length;
  });
}
