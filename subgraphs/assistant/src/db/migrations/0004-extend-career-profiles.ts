import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/**
 * The extended facts and preferences of a career profile (AS-03): the top of the wanted
 * salary range, work authorization, levels, functions, industries, job types,
 * availability, languages, current title and company, education level.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const list = (name: string, max: number) => (c: ColumnDefinitionBuilder) =>
    c.notNull().defaultTo(sql`'{}'`).check(sql`cardinality(${sql.ref(name)}) <= ${sql.lit(max)}`);
  await db.schema
    .alterTable('career_profiles')
    .addColumn('desired_salary_max_cents', 'bigint', (c) => c.check(sql`desired_salary_max_cents >= 0`))
    .addColumn('work_authorizations', sql`text[]`, list('work_authorizations', 20))
    .addColumn('desired_levels', sql`text[]`, list('desired_levels', 6))
    .addColumn('desired_functions', sql`text[]`, list('desired_functions', 20))
    .addColumn('desired_industries', sql`text[]`, list('desired_industries', 20))
    .addColumn('desired_job_types', sql`text[]`, list('desired_job_types', 5))
    .addColumn('languages', sql`text[]`, list('languages', 20))
    .addColumn('availability', 'text', (c) => c.check(sql`availability in ('immediately', 'within_2_weeks', 'within_month', 'not_looking')`))
    .addColumn('current_title', 'text', (c) => c.check(sql`char_length(current_title) between 1 and 120`))
    .addColumn('current_company', 'text', (c) => c.check(sql`char_length(current_company) between 1 and 120`))
    .addColumn('education_level', 'text', (c) =>
      c.check(sql`education_level in ('none', 'high_school', 'associate', 'bachelor', 'master', 'doctorate')`),
    )
    .execute();
  await sql`alter table career_profiles add constraint career_profiles_desired_salary_range check (
    desired_salary_max_cents is null or (desired_salary_min_cents is not null and desired_salary_max_cents >= desired_salary_min_cents))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('career_profiles')
    .dropConstraint('career_profiles_desired_salary_range')
    .execute();
  for (const column of [
    'desired_salary_max_cents', 'work_authorizations', 'desired_levels', 'desired_functions', 'desired_industries',
    'desired_job_types', 'languages', 'availability', 'current_title', 'current_company', 'education_level',
  ]) {
    await db.schema.alterTable('career_profiles').dropColumn(column).execute();
  }
}
