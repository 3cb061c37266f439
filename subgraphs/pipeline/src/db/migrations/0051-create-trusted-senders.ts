import { sql, type Kysely } from 'kysely';

/** Addresses (`jobs@acme.com`) or domains (`acme.com`, subdomains included) a user accepts job mail from. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('trusted_senders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('address', 'domain')`))
    // Lower-case: an address or a domain as the domain rule normalized it.
    .addColumn('sender', 'text', (c) => c.notNull().check(sql`sender = lower(sender) and char_length(sender) between 3 and 254`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('trusted_senders_user_sender_key', ['user_id', 'sender'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('trusted_senders').execute();
}
