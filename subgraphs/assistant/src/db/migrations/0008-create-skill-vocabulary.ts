import { sql, type Kysely } from 'kysely';

/**
 * The catalog's tag vocabulary, as the assistant needs it to normalize the skills a CV
 * names: every tag some projected listing carries, with how many listings carry it. Fed
 * by catalog's listing snapshots alongside `listing_features`; a tag no listing carries
 * any more is removed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('skill_vocabulary')
    // As catalog normalizes it: lower case, single-spaced.
    .addColumn('tag', 'text', (c) => c.primaryKey().check(sql`char_length(tag) between 1 and 100`))
    .addColumn('listing_count', 'integer', (c) => c.notNull().check(sql`listing_count > 0`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('skill_vocabulary').execute();
}
