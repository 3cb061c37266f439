import { sql, type Kysely } from 'kysely';

/**
 * A candidate's fit with each listing (AS-12, AS-13): computed from the career profile and
 * the listing features, recomputed when either changes. `factors` explains the score;
 * `viewed_at` is when the user first opened the listing's fit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fit_scores')
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('listing_id', 'uuid', (c) => c.notNull())
    .addColumn('score', 'smallint', (c) => c.notNull().check(sql`score between 0 and 100`))
    .addColumn('factors', 'jsonb', (c) => c.notNull().check(sql`jsonb_typeof(factors) = 'array'`))
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('salary_estimate_cents', 'bigint', (c) => c.check(sql`salary_estimate_cents >= 0`))
    .addColumn('viewed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('fit_scores_pkey', ['user_id', 'listing_id'])
    .execute();
  // A user's matches, best first (ties by listing id), for keyset pages.
  await db.schema.createIndex('fit_scores_user_rank_idx').on('fit_scores').columns(['user_id', 'score desc', 'listing_id']).execute();
  // Recomputing one listing's scores for every candidate.
  await db.schema.createIndex('fit_scores_listing_idx').on('fit_scores').column('listing_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('fit_scores').execute();
}
