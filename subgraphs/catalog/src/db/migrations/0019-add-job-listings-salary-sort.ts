import { sql, type Kysely } from 'kysely';

/**
 * `jobs(sort: SALARY)`: the top of a listing's range as a yearly amount (hour × 2080, day × 260,
 * week × 52, month × 12), kept by Postgres, and the keyset index of open listings in that order
 * (no pay sorts last as -1).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('job_listings')
    .addColumn('salary_yearly_top_cents', 'bigint', (c) =>
      c
        .generatedAlwaysAs(
          sql`coalesce(salary_max_cents, salary_min_cents) * case salary_period when 'hour' then 2080 when 'day' then 260 when 'week' then 52 when 'month' then 12 else 1 end`,
        )
        .stored(),
    )
    .execute();
  await db.schema
    .createIndex('job_listings_open_salary_idx')
    .on('job_listings')
    .expression(sql`coalesce(salary_yearly_top_cents, -1) desc, id desc`)
    .where(sql.ref('status'), '=', 'open')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('job_listings').dropColumn('salary_yearly_top_cents').execute();
}
