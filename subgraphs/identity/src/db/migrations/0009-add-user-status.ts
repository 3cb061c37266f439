import { sql, type Kysely } from 'kysely';

/** Active, deactivated by the user (reversible) or suspended by an admin (ID-13). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'deactivated', 'suspended')`))
    .addColumn('status_changed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('users_status_idx').on('users').column('status').where(sql.ref('deleted_at'), 'is', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('users_status_idx').execute();
  await db.schema.alterTable('users').dropColumn('status').dropColumn('status_changed_at').execute();
}
