import { sql, type Kysely } from 'kysely';

/**
 * Personal tasks (PI-19): a priority, who made the task (the user or pipeline itself), an
 * edit time, and the kinds a candidate plans with besides the generated ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('tasks')
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('medium').check(sql`priority in ('low', 'medium', 'high')`))
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('system').check(sql`origin in ('user', 'system')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.alterTable('tasks').dropConstraint('tasks_kind_check').execute();
  await db.schema
    .alterTable('tasks')
    .addCheckConstraint('tasks_kind_check', sql`kind in ('application_follow_up', 'interview_preparation', 'offer_response', 'research', 'apply', 'referral', 'thank_you')`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tasks').dropConstraint('tasks_kind_check').execute();
  await db.schema.alterTable('tasks').addCheckConstraint('tasks_kind_check', sql`kind in ('application_follow_up', 'interview_preparation', 'offer_response')`).execute();
  await db.schema.alterTable('tasks').dropColumn('priority').dropColumn('origin').dropColumn('updated_at').execute();
}
