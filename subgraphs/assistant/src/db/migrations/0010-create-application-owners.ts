import { sql, type Kysely } from 'kysely';

/**
 * Pipeline's applications as far as the assistant needs them: whose each one is, and
 * whether it is in the trash. A projection fed by pipeline's application events, so a
 * job description can be linked only to an application of its own user.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('application_owners')
    // Pipeline's application id; no foreign key crosses schemas.
    .addColumn('application_id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('application_owners_user_idx').on('application_owners').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('application_owners').execute();
}
