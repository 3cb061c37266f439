import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_listings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('company_id', 'uuid', (c) => c.notNull().references('companies.id').onDelete('restrict'))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 150`))
    .addColumn('description', 'text', (c) => c.notNull().check(sql`char_length(description) between 1 and 20000`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'open', 'closed', 'expired')`))
    .addColumn('employment_type', 'text', (c) =>
      c.notNull().check(sql`employment_type in ('full_time', 'part_time', 'contract', 'internship', 'temporary')`),
    )
    .addColumn('remote_type', 'text', (c) => c.notNull().check(sql`remote_type in ('onsite', 'hybrid', 'remote')`))
    .addColumn('seniority', 'text', (c) => c.check(sql`seniority in ('entry', 'mid', 'senior', 'lead', 'principal', 'executive')`))
    .addColumn('location', 'text', (c) => c.check(sql`char_length(location) between 1 and 200`))
    .addColumn('salary_min_cents', 'bigint', (c) => c.check(sql`salary_min_cents >= 0`))
    .addColumn('salary_max_cents', 'bigint', (c) => c.check(sql`salary_max_cents >= 0`))
    .addColumn('salary_currency', sql`char(3)`, (c) => c.check(sql`salary_currency ~ '^[A-Z]{3}$'`))
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`).check(sql`cardinality(tags) <= 20`))
    .addColumn('posted_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz')
    // The identity user who created it: a plain uuid, no foreign key across schemas.
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('job_listings_salary_range_order', sql`salary_min_cents is null or salary_max_cents is null or salary_min_cents <= salary_max_cents`)
    .addCheckConstraint('job_listings_salary_has_currency', sql`(salary_min_cents is null and salary_max_cents is null) = (salary_currency is null)`)
    .addCheckConstraint('job_listings_closed_after_posted', sql`closed_at is null or posted_at is null or closed_at >= posted_at`)
    .addCheckConstraint('job_listings_expires_after_posted', sql`expires_at is null or posted_at is null or expires_at > posted_at`)
    .addCheckConstraint('job_listings_open_is_posted', sql`status <> 'open' or posted_at is not null`)
    .addCheckConstraint('job_listings_closed_has_closed_at', sql`status <> 'closed' or closed_at is not null`)
    .execute();
  await db.schema.createIndex('job_listings_company_id_idx').on('job_listings').column('company_id').execute();
  await db.schema.createIndex('job_listings_tags_idx').on('job_listings').using('gin').column('tags').execute();
  // The public list, newest first: the keyset `(coalesce(posted_at, created_at), id)` of open listings.
  await db.schema
    .createIndex('job_listings_open_newest_idx')
    .on('job_listings')
    .expression(sql`coalesce(posted_at, created_at) desc, id desc`)
    .where(sql.ref('status'), '=', 'open')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_listings').execute();
}
