import { sql, type Kysely } from 'kysely';

/**
 * The tag taxonomy (CA-14): each tag of a listing has a kind, says whether it is required or
 * nice to have, and may carry a level (1 basic … 5 expert). `job_listings.tags` keeps the names
 * for full text and the tag filter; this table holds the rest.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('listing_tags')
    .addColumn('listing_id', 'uuid', (c) => c.notNull().references('job_listings.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull().check(sql`char_length(tag) between 1 and 40`))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('skill').check(sql`kind in ('skill', 'department', 'category')`))
    .addColumn('requirement', 'text', (c) => c.notNull().defaultTo('required').check(sql`requirement in ('required', 'nice_to_have')`))
    .addColumn('level', 'smallint', (c) => c.check(sql`level between 1 and 5`))
    .addColumn('position', 'smallint', (c) => c.notNull().check(sql`position between 0 and 19`))
    .addPrimaryKeyConstraint('listing_tags_pkey', ['listing_id', 'tag'])
    .execute();
  // "Which listings need kafka as a skill?"
  await db.schema.createIndex('listing_tags_tag_kind_idx').on('listing_tags').columns(['tag', 'kind']).execute();
  await sql`
    insert into listing_tags (listing_id, tag, position)
    select id, tag, (ordinality - 1)::smallint from job_listings, unnest(tags) with ordinality as t(tag, ordinality)
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('listing_tags').execute();
}
