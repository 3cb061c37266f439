import { sql, type Kysely } from 'kysely';

/**
 * An external authorization under way (ID-08, ID-09): the state sent to the provider,
 * stored as its hash, expiring, used once; the PKCE verifier sealed under the token key
 * ring (AES-256-GCM, key id beside it) until the code comes back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oauth_states')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('state_hash', 'bytea', (c) => c.notNull().unique())
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('sign_in', 'link', 'connect')`))
    .addColumn('target', 'text', (c) => c.notNull().check(sql`char_length(target) between 1 and 40`))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('code_verifier_encrypted', 'bytea', (c) => c.notNull())
    .addColumn('token_key_id', 'text', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull().check(sql`char_length(redirect_uri) <= 2000`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('oauth_states_signed_in_purposes', sql`(purpose = 'sign_in') = (user_id is null)`)
    .addCheckConstraint('oauth_states_expiry_after_creation', sql`expires_at > created_at`)
    .execute();
  await db.schema.createIndex('oauth_states_expires_at_idx').on('oauth_states').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oauth_states').execute();
}
