import { sql, type Kysely } from 'kysely';

/**
 * Messages to a contact (PI-21), drafted and then moved draft → queued → sent → replied
 * or bounced (domain/outreach-status.ts). The times of sending and answer follow the status.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outreach_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('contact_id', 'uuid', (c) => c.notNull().references('outreach_contacts.id').onDelete('cascade'))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.check(sql`char_length(subject) <= 200`))
    .addColumn('body', 'text', (c) => c.notNull().check(sql`char_length(body) between 1 and 10000`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'queued', 'sent', 'replied', 'bounced')`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('outreach_messages_sent_when_sent', sql`(status in ('sent', 'replied', 'bounced')) = (sent_at is not null)`)
    .addCheckConstraint('outreach_messages_answered_when_answered', sql`(status in ('replied', 'bounced')) = (answered_at is not null)`)
    .execute();
  await db.schema.createIndex('outreach_messages_contact_idx').on('outreach_messages').columns(['contact_id', 'created_at']).execute();
  await db.schema.createIndex('outreach_messages_user_idx').on('outreach_messages').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outreach_messages').execute();
}
