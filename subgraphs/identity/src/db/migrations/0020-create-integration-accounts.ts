import { sql, type Kysely } from 'kysely';

/**
 * Connected third-party accounts (ID-09): Gmail, Outlook, Google Calendar, LinkedIn, an ATS;
 * granted scopes and expiry; tokens AES-256-GCM encrypted under `token_key_id`. A
 * disconnect deletes the row, tokens and all.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('integration_accounts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('gmail', 'outlook', 'google_calendar', 'linkedin', 'ats')`))
    .addColumn('external_user_id', 'text', (c) => c.check(sql`char_length(external_user_id) between 1 and 255`))
    .addColumn('scopes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('access_token_encrypted', 'bytea', (c) => c.notNull())
    .addColumn('refresh_token_encrypted', 'bytea')
    .addColumn('token_key_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('integration_accounts_user_kind_unique', ['user_id', 'kind'])
    .execute();
  await db.schema.createIndex('integration_accounts_token_key_id_idx').on('integration_accounts').column('token_key_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('integration_accounts').execute();
}
