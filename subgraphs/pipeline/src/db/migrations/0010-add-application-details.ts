import { sql, type Kysely } from 'kysely';

/**
 * What a candidate records about an application beyond its stage (PI-03): a deadline,
 * when to follow up, the salary range offered (integer cents with a currency), where the
 * job was found, and when the employer first answered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('applications')
    .addColumn('deadline_on', 'date')
    .addColumn('follow_up_on', 'date')
    .addColumn('salary_min_cents', 'bigint', (c) => c.check(sql`salary_min_cents >= 0`))
    .addColumn('salary_max_cents', 'bigint', (c) => c.check(sql`salary_max_cents >= 0`))
    .addColumn('salary_currency', sql`char(3)`, (c) => c.check(sql`salary_currency ~ '^[A-Z]{3}$'`))
    .addColumn('source', 'text', (c) => c.check(sql`source in ('job_board', 'company_site', 'referral', 'recruiter', 'network', 'email', 'other')`))
    .addColumn('source_label', 'text', (c) => c.check(sql`char_length(source_label) between 1 and 200`))
    .addColumn('employer_responded_at', 'timestamptz')
    .execute();
  await db.schema
    .alterTable('applications')
    .addCheckConstraint('applications_salary_range_order', sql`salary_min_cents is null or salary_max_cents is null or salary_min_cents <= salary_max_cents`)
    .execute();
  await db.schema
    .alterTable('applications')
    .addCheckConstraint('applications_response_after_applying', sql`employer_responded_at is null or applied_at is null or employer_responded_at >= applied_at`)
    .execute();
  await db.schema
    .alterTable('applications')
    .addCheckConstraint('applications_salary_has_currency', sql`(salary_min_cents is null and salary_max_cents is null) = (salary_currency is null)`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const constraint of ['applications_salary_has_currency', 'applications_salary_range_order', 'applications_response_after_applying']) {
    await db.schema.alterTable('applications').dropConstraint(constraint).execute();
  }
  await db.schema
    .alterTable('applications')
    .dropColumn('deadline_on')
    .dropColumn('follow_up_on')
    .dropColumn('salary_min_cents')
    .dropColumn('salary_max_cents')
    .dropColumn('salary_currency')
    .dropColumn('source')
    .dropColumn('source_label')
    .dropColumn('employer_responded_at')
    .execute();
}
