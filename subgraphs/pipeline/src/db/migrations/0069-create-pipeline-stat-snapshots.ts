import { sql, type Kysely } from 'kysely';

/**
 * Analytics snapshots (PI-29): per user, week or month, and source (`all` for every
 * source together, `none` where the user named none), the counts the rates come from.
 * Recomputed from pipeline's own events by its consumer; never edited by hand.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pipeline_stat_snapshots')
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull().check(sql`period in ('week', 'month')`))
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('active_applications', 'integer', (c) => c.notNull().check(sql`active_applications >= 0`))
    .addColumn('applications', 'integer', (c) => c.notNull().check(sql`applications >= 0`))
    .addColumn('responded', 'integer', (c) => c.notNull().check(sql`responded between 0 and applications`))
    .addColumn('interviewed', 'integer', (c) => c.notNull().check(sql`interviewed between 0 and applications`))
    .addColumn('offered', 'integer', (c) => c.notNull().check(sql`offered between 0 and applications`))
    .addColumn('days_to_first_response_sum', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('pipeline_stat_snapshots_pkey', ['user_id', 'period', 'period_start', 'source'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pipeline_stat_snapshots').execute();
}
