import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('career_profiles')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().unique())
    .addColumn('headline', 'text', (c) => c.check(sql`char_length(headline) between 1 and 120`))
    .addColumn('summary', 'text', (c) => c.check(sql`char_length(summary) between 1 and 2000`))
    .addColumn('skills', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(sql`cardinality(skills) <= 50`))
    .addColumn('desired_titles', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(sql`cardinality(desired_titles) <= 20`))
    .addColumn('preferred_locations', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(sql`cardinality(preferred_locations) <= 20`))
    .addColumn('remote_preference', 'text', (c) =>
      c.notNull().defaultTo('any').check(sql`remote_preference in ('onsite', 'hybrid', 'remote', 'any')`),
    )
    .addColumn('desired_salary_min_cents', 'bigint', (c) => c.check(sql`desired_salary_min_cents >= 0`))
    .addColumn('desired_salary_currency', sql`char(3)`, (c) => c.check(sql`desired_salary_currency ~ '^[A-Z]{3}$'`))
    .addColumn('open_to_work', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('years_of_experience', 'smallint', (c) => c.check(sql`years_of_experience between 0 and 70`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'career_profiles_desired_salary_complete',
      sql`(desired_salary_min_cents is null) = (desired_salary_currency is null)`,
    )
    .execute();
  // Skill overlap (`skills && $1`, `skills @> $1`) for matching candidates to listings.
  await db.schema.createIndex('career_profiles_skills_idx').on('career_profiles').using('gin').column('skills').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('career_profiles').execute();
}
