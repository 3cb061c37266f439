import { sql, type Kysely } from 'kysely';

/**
 * Tasks generated from a calendar event (prepare before an interview, thank after it):
 * the event they follow from, each kind at most once per event.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('tasks')
    .addColumn('calendar_event_id', 'uuid', (c) => c.references('calendar_events.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('tasks_calendar_event_kind_key').on('tasks').columns(['calendar_event_id', 'kind']).unique().where(sql.ref('calendar_event_id'), 'is not', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tasks').dropColumn('calendar_event_id').execute();
}
