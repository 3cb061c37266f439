import { sql, type Kysely } from 'kysely';

/** A board column: a stage's live applications, newest first, read from the index alone however full the board is. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('applications_stage_created_idx')
    .on('applications')
    .columns(['stage_id', 'created_at desc', 'id desc'])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('applications_stage_created_idx').execute();
}
