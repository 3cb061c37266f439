import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tasks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // identity's user id: no foreign key across schemas.
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    // Null for a task about no particular application.
    .addColumn('application_id', 'uuid')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('application_follow_up', 'interview_preparation', 'offer_response')`))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 200`))
    .addColumn('due_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('tasks_completed_after_created', sql`completed_at is null or completed_at >= created_at`)
    // The application's owner is the task's owner; deleting the application deletes its tasks.
    .addForeignKeyConstraint('tasks_application_of_owner_fkey', ['application_id', 'user_id'], 'applications', ['id', 'user_id'], (fk) => fk.onDelete('cascade'))
    .execute();
  // A user's tasks, soonest due first (undated last), keyset-paginated.
  await db.schema
    .createIndex('tasks_user_due_idx')
    .on('tasks')
    .columns(['user_id'])
    .expression(sql`coalesce(due_at, 'infinity'::timestamptz)`)
    .column('id')
    .execute();
  await db.schema.createIndex('tasks_application_id_idx').on('tasks').column('application_id').where(sql.ref('application_id'), 'is not', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tasks').execute();
}
