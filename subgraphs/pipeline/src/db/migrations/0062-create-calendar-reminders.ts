import { sql, type Kysely } from 'kysely';

/** Reminders that fell due, once each (event, minutes before, start time): the reminder job's record. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_reminders_fired')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('calendar_events.id').onDelete('cascade'))
    .addColumn('minutes_before', 'integer', (c) => c.notNull())
    // The start it was due for: moving the event re-arms its reminders.
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('fired_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('calendar_reminders_fired_pkey', ['event_id', 'minutes_before', 'starts_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('calendar_reminders_fired').execute();
}
