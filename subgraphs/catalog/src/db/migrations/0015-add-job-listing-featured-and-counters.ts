import { sql, type Kysely } from 'kysely';

/** Featured until a time bought in billing (CA-10); views and applications counted (CA-11). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('job_listings')
    .addColumn('featured_until', 'timestamptz')
    .addColumn('view_count', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`view_count >= 0`))
    .addColumn('application_count', 'integer', (c) => c.notNull().defaultTo(0).check(sql`application_count >= 0`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['application_count', 'view_count', 'featured_until']) {
    await db.schema.alterTable('job_listings').dropColumn(column).execute();
  }
}
