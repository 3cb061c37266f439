import { sql, type Kysely } from 'kysely';

/**
 * Catalog's job listings as the assistant needs them for fit scores: a projection fed
 * by catalog's listing events (full snapshots). Catalog owns the data and its rules; the
 * checks here are only those no snapshot can break, so a projection never refuses what
 * the owner accepted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('listing_features')
    // Catalog's listing id; no foreign key crosses schemas.
    .addColumn('listing_id', 'uuid', (c) => c.primaryKey())
    .addColumn('company_id', 'uuid', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'open', 'closed', 'expired')`))
    .addColumn('employment_type', 'text', (c) => c.notNull())
    .addColumn('remote_type', 'text', (c) => c.notNull())
    .addColumn('seniority', 'text')
    .addColumn('location', 'text')
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('salary_min_cents', 'bigint', (c) => c.check(sql`salary_min_cents >= 0`))
    .addColumn('salary_max_cents', 'bigint', (c) => c.check(sql`salary_max_cents >= 0`))
    .addColumn('salary_currency', sql`char(3)`)
    .addColumn('posted_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz')
    // The `time` of the event whose snapshot this row holds: an older snapshot arriving later never overwrites it.
    .addColumn('event_time', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Skill overlap with a career profile (`tags && $1`).
  await db.schema.createIndex('listing_features_tags_idx').on('listing_features').using('gin').column('tags').execute();
  // Candidates for matching: open listings, newest first.
  await db.schema
    .createIndex('listing_features_open_posted_idx')
    .on('listing_features')
    .columns(['posted_at desc', 'listing_id'])
    .where(sql.ref('status'), '=', 'open')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('listing_features').execute();
}
