import { sql, type Kysely } from 'kysely';

/**
 * Sign-in providers linked to an account (ID-08): one per provider per user, one user per
 * provider account; the provider's tokens AES-256-GCM encrypted under `token_key_id`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('external_accounts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('github', 'google', 'linkedin')`))
    .addColumn('provider_user_id', 'text', (c) => c.notNull().check(sql`char_length(provider_user_id) between 1 and 255`))
    .addColumn('scopes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('access_token_encrypted', 'bytea', (c) => c.notNull())
    .addColumn('refresh_token_encrypted', 'bytea')
    .addColumn('token_key_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('external_accounts_provider_user_unique', ['provider', 'provider_user_id'])
    .addUniqueConstraint('external_accounts_user_provider_unique', ['user_id', 'provider'])
    .execute();
  await db.schema.createIndex('external_accounts_token_key_id_idx').on('external_accounts').column('token_key_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('external_accounts').execute();
}
