import { sql, type Kysely } from 'kysely';

/**
 * An application's timeline (PI-08, PI-12): typed entries with a JSON payload whose shape
 * depends on the kind, and who wrote them (the user, pipeline itself, or the email parser).
 * Only notes the user wrote are editable; the rest records what happened.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('timeline_entries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    // identity's user id: the application's owner (every entry is theirs to read).
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('note', 'stage_change', 'interview', 'offer', 'follow_up', 'email')`))
    .addColumn('author', 'text', (c) => c.notNull().check(sql`author in ('user', 'system', 'parser')`))
    .addColumn('payload', 'jsonb', (c) => c.notNull().check(sql`jsonb_typeof(payload) = 'object' and octet_length(payload::text) <= 16384`))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('edited_at', 'timestamptz')
    .addCheckConstraint('timeline_entries_only_user_notes_edited', sql`edited_at is null or (kind = 'note' and author = 'user')`)
    .execute();
  await db.schema.createIndex('timeline_entries_application_idx').on('timeline_entries').columns(['application_id', 'occurred_at desc', 'id desc']).execute();
  await db.schema.createIndex('timeline_entries_user_idx').on('timeline_entries').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('timeline_entries').execute();
}
