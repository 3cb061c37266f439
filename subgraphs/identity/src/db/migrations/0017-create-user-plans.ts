import { sql, type Kysely } from 'kysely';

/** Each user's own plan as billing last announced it; the newest `version` wins (ID-21). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('user_plans')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('plan_code', 'text', (c) => c.notNull().check(sql`char_length(plan_code) between 1 and 50`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'trialing', 'past_due', 'canceled')`))
    .addColumn('version', 'bigint', (c) => c.notNull().check(sql`version >= 0`))
    .addColumn('effective_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('user_plans').execute();
}
