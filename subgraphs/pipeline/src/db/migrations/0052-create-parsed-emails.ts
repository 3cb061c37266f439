import { sql, type Kysely } from 'kysely';

/**
 * Every message that reached a user's forwarding address, and what it did: applied to an
 * application, waiting for the user's review, dismissed, or refused (untrusted sender).
 * `(user_id, raw_hash)` is unique, so the same message twice has no second effect.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('parsed_emails')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    // sha-256 of the raw message, hex.
    .addColumn('raw_hash', 'text', (c) => c.notNull().check(sql`raw_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('postmark', 'mailgun', 'raw')`))
    .addColumn('sender', 'text', (c) => c.notNull().check(sql`char_length(sender) <= 320`))
    .addColumn('subject', 'text', (c) => c.notNull().check(sql`char_length(subject) <= 998`))
    // Plain text only, never markup; at most 20,000 characters. Null for a refused message.
    .addColumn('body_text', 'text', (c) => c.check(sql`char_length(body_text) <= 20000`))
    .addColumn('attachment_count', 'integer', (c) => c.notNull().defaultTo(0).check(sql`attachment_count >= 0`))
    .addColumn('sent_at', 'timestamptz')
    // Null for a refused message: it is never classified.
    .addColumn('classification', 'text', (c) => c.check(sql`classification in ('confirmation', 'rejection', 'interview', 'offer', 'assessment', 'unrelated')`))
    .addColumn('confidence', 'real', (c) => c.check(sql`confidence between 0 and 1`))
    .addColumn('reasons', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // { company, jobTitle, dates: [{ text, date }] }
    .addColumn('extracted', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('applied', 'needs_review', 'dismissed', 'refused')`))
    // The application it created or moved; the application's deletion leaves the record.
    .addColumn('application_id', 'uuid', (c) => c.references('applications.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('parsed_emails_user_raw_hash_key', ['user_id', 'raw_hash'])
    .addCheckConstraint('parsed_emails_refused_unclassified', sql`(status = 'refused') = (classification is null)`)
    .execute();
  // A user's inbound mail, newest first, keyset-paginated, optionally by status.
  await db.schema.createIndex('parsed_emails_user_created_idx').on('parsed_emails').columns(['user_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('parsed_emails_application_idx').on('parsed_emails').column('application_id').where(sql.ref('application_id'), 'is not', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('parsed_emails').execute();
}
