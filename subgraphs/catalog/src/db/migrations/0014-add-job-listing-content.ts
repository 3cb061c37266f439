import { sql, type Kysely } from 'kysely';

/**
 * Rich listing content (CA-08), visibility (CA-09) and where a listing came from: `employer`
 * today; `import` is kept for job ingestion, which comes later.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('job_listings')
    .addColumn('requirements', 'text', (c) => c.check(sql`char_length(requirements) between 1 and 10000`))
    .addColumn('responsibilities', 'text', (c) => c.check(sql`char_length(responsibilities) between 1 and 10000`))
    .addColumn('benefits', 'text', (c) => c.check(sql`char_length(benefits) between 1 and 10000`))
    .addColumn('department', 'text', (c) => c.check(sql`char_length(department) between 1 and 100`))
    .addColumn('salary_period', 'text', (c) => c.notNull().defaultTo('year').check(sql`salary_period in ('hour', 'day', 'week', 'month', 'year')`))
    .addColumn('eligibility_notes', 'text', (c) => c.check(sql`char_length(eligibility_notes) between 1 and 2000`))
    .addColumn('work_authorization_notes', 'text', (c) => c.check(sql`char_length(work_authorization_notes) between 1 and 2000`))
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('public').check(sql`visibility in ('public', 'unlisted')`))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('employer').check(sql`source in ('employer', 'import')`))
    .addColumn('slug', 'text', (c) => c.check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 100`))
    .execute();
  // Existing listings get the slug new ones are given: the title's words and the id's first 8 hex digits.
  await sql`
    update job_listings set slug = coalesce(nullif(trim(both '-' from left(regexp_replace(lower(title), '[^a-z0-9]+', '-', 'g'), 80)), '') || '-', '') || left(id::text, 8)
  `.execute(db);
  await db.schema.alterTable('job_listings').alterColumn('slug', (c) => c.setNotNull()).execute();
  await db.schema.createIndex('job_listings_slug_key').on('job_listings').column('slug').unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['slug', 'source', 'visibility', 'work_authorization_notes', 'eligibility_notes', 'salary_period', 'department', 'benefits', 'responsibilities', 'requirements']) {
    await db.schema.alterTable('job_listings').dropColumn(column).execute();
  }
}
