import { sql, type Kysely } from 'kysely';

/** Typo-tolerant title search (`word_similarity`, the `<%` operator); pg_trgm lives in `extensions`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('job_listings_title_trgm_idx')
    .on('job_listings')
    .using('gin')
    .expression(sql`title gin_trgm_ops`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('job_listings_title_trgm_idx').execute();
}
