import { sql, type Kysely } from 'kysely';

/**
 * A candidate's education (AS-04), work experience (AS-05) and projects (AS-06): each an
 * ordered list per user, saved whole. `position` is the order the user gave (0 first).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = (name: string, max: number) => sql`char_length(${sql.ref(name)}) between 1 and ${sql.lit(max)}`;
  await db.schema
    .createTable('education_entries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'smallint', (c) => c.notNull().check(sql`position between 0 and 49`))
    .addColumn('institution', 'text', (c) => c.notNull().check(text('institution', 200)))
    .addColumn('degree', 'text', (c) => c.check(text('degree', 200)))
    .addColumn('field_of_study', 'text', (c) => c.check(text('field_of_study', 200)))
    .addColumn('start_date', 'date')
    .addColumn('end_date', 'date')
    .addColumn('is_current', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('grade', 'text', (c) => c.check(text('grade', 40)))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('education_entries_dates', sql`end_date is null or start_date is null or end_date >= start_date`)
    .addCheckConstraint('education_entries_current', sql`not is_current or end_date is null`)
    .addUniqueConstraint('education_entries_user_position', ['user_id', 'position'])
    .execute();
  await db.schema
    .createTable('work_experiences')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'smallint', (c) => c.notNull().check(sql`position between 0 and 49`))
    .addColumn('company', 'text', (c) => c.notNull().check(text('company', 200)))
    .addColumn('role', 'text', (c) => c.notNull().check(text('role', 200)))
    .addColumn('location', 'text', (c) => c.check(text('location', 200)))
    .addColumn('start_date', 'date')
    .addColumn('end_date', 'date')
    .addColumn('is_current', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('description', 'text', (c) => c.check(text('description', 5000)))
    .addColumn('achievements', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(sql`cardinality(achievements) <= 20`))
    .addColumn('skills_used', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(sql`cardinality(skills_used) <= 30`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('work_experiences_dates', sql`end_date is null or start_date is null or end_date >= start_date`)
    .addCheckConstraint('work_experiences_current', sql`not is_current or end_date is null`)
    .addUniqueConstraint('work_experiences_user_position', ['user_id', 'position'])
    .execute();
  await db.schema
    .createTable('projects')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'smallint', (c) => c.notNull().check(sql`position between 0 and 49`))
    .addColumn('title', 'text', (c) => c.notNull().check(text('title', 200)))
    .addColumn('description', 'text', (c) => c.notNull().check(text('description', 5000)))
    .addColumn('technologies', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(sql`cardinality(technologies) <= 30`))
    .addColumn('url', 'text', (c) => c.check(sql`url ~ '^https?://' and char_length(url) <= 2000`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('projects_user_position', ['user_id', 'position'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('projects').execute();
  await db.schema.dropTable('work_experiences').execute();
  await db.schema.dropTable('education_entries').execute();
}
