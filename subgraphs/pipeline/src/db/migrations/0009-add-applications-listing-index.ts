import { sql, type Kysely } from 'kysely';

/** The applications to a listing, newest first, keyset-paginated: what its employer pages through. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('applications_listing_created_idx')
    .on('applications')
    .columns(['job_listing_id', 'created_at desc', 'id desc'])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('applications_listing_created_idx').execute();
}
