import { sql, type Kysely } from 'kysely';

/** Each user's secret forwarding address: `<token>@<inbound domain>`. Regenerating replaces the token. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('email_forwarding_addresses')
    // identity's user id: no foreign key across schemas.
    .addColumn('user_id', 'uuid', (c) => c.primaryKey())
    .addColumn('token', 'text', (c) => c.notNull().unique().check(sql`token ~ '^[a-z2-7]{26}$'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('email_forwarding_addresses').execute();
}
