import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('application_stage_changes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    // Null on the entry that records the stage an application was created in.
    .addColumn('from_stage_id', 'uuid', (c) => c.references('application_stages.id'))
    .addColumn('to_stage_id', 'uuid', (c) => c.notNull().references('application_stages.id'))
    .addColumn('note', 'text', (c) => c.check(sql`char_length(note) <= 2000`))
    // identity's user id; null when the system made the change.
    .addColumn('changed_by', 'uuid')
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('application_stage_changes_changes_stage', sql`from_stage_id is distinct from to_stage_id`)
    .execute();
  await db.schema
    .createIndex('application_stage_changes_application_idx')
    .on('application_stage_changes')
    .columns(['application_id', 'changed_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('application_stage_changes').execute();
}
