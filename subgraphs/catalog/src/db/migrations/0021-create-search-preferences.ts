import { sql, type Kysely } from 'kysely';

/** Catalog-side settings of a user: whether their searches are kept (on unless a row says off). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_preferences')
    // An identity user id; no foreign key across schemas.
    .addColumn('user_id', 'uuid', (c) => c.primaryKey())
    .addColumn('history_enabled', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('search_preferences').execute();
}
