import { sql, type Kysely } from 'kysely';

/** Comparison sets (PI-24): a name and an ordered list of listings, compared side by side. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('comparisons')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 100`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('comparisons_user_idx').on('comparisons').columns(['user_id', 'created_at']).execute();
  await db.schema
    .createTable('comparison_items')
    .addColumn('comparison_id', 'uuid', (c) => c.notNull().references('comparisons.id').onDelete('cascade'))
    .addColumn('job_listing_id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position between 0 and 9`))
    .addPrimaryKeyConstraint('comparison_items_pkey', ['comparison_id', 'job_listing_id'])
    .addUniqueConstraint('comparison_items_position_key', ['comparison_id', 'position'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('comparison_items').execute();
  await db.schema.dropTable('comparisons').execute();
}
