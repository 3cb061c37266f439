import { sql, type Kysely } from 'kysely';

/**
 * Calendar events per application (PI-16): interviews, screens, assessments, deadlines,
 * offer calls. The end is after the start; reminders are minutes before the start.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    // identity's user id: the application's owner.
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('interview', 'phone_screen', 'assessment', 'deadline', 'offer_call', 'other')`))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 200`))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.check(sql`char_length(location) <= 500`))
    .addColumn('meeting_url', 'text', (c) => c.check(sql`char_length(meeting_url) <= 2000`))
    .addColumn('notes', 'text', (c) => c.check(sql`char_length(notes) <= 5000`))
    // Minutes before the start, at most 5, each between 0 and 4 weeks.
    .addColumn('reminder_minutes', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(sql`cardinality(reminder_minutes) <= 5 and 0 <= all(reminder_minutes) and 40320 >= all(reminder_minutes)`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('calendar_events_end_after_start', sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex('calendar_events_user_start_idx').on('calendar_events').columns(['user_id', 'starts_at', 'id']).execute();
  await db.schema.createIndex('calendar_events_start_idx').on('calendar_events').column('starts_at').execute();
  await db.schema.createIndex('calendar_events_application_idx').on('calendar_events').columns(['application_id', 'starts_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('calendar_events').execute();
}
