import { sql, type Kysely } from 'kysely';

/** Full text over title (weight A), tags (B) and description (C), kept current by Postgres. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('job_listings')
    .addColumn('search_vector', sql`tsvector`, (c) =>
      c
        .generatedAlwaysAs(
          sql`setweight(to_tsvector('english'::regconfig, title), 'A')
            || setweight(to_tsvector('english'::regconfig, coalesce(tags_to_text(tags), '')), 'B')
            || setweight(to_tsvector('english'::regconfig, description), 'C')`,
        )
        .stored(),
    )
    .execute();
  await db.schema.createIndex('job_listings_search_vector_idx').on('job_listings').using('gin').column('search_vector').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('job_listings').dropColumn('search_vector').execute();
}
