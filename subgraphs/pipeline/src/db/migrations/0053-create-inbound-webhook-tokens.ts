import { sql, type Kysely } from 'kysely';

/** Mailgun webhook tokens already accepted, so a captured request cannot be replayed within the timestamp tolerance. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('inbound_webhook_tokens')
    .addColumn('token', 'text', (c) => c.primaryKey().check(sql`char_length(token) between 1 and 200`))
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('inbound_webhook_tokens_seen_at_idx').on('inbound_webhook_tokens').column('seen_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('inbound_webhook_tokens').execute();
}
