import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', sql`citext`, (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull().check(sql`char_length(display_name) between 1 and 100`))
    .addColumn('roles', sql`text[]`, (c) =>
      c.notNull().check(sql`cardinality(roles) > 0 and roles <@ array['candidate','employer','recruiter','admin']::text[]`),
    )
    .addColumn('email_verified_at', 'timestamptz')
    .addColumn('last_sign_in_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One live account per email; a soft-deleted account frees its address.
  await db.schema.createIndex('users_email_live_key').on('users').column('email').unique().where(sql.ref('deleted_at'), 'is', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('users').execute();
}
