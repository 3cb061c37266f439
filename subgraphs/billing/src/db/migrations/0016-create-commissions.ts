import { sql, type Kysely } from 'kysely';

/** Recruiter commissions, one per hired referral (pipeline's ReferralHired): pending → approved → paid. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('commissions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('referral_id', 'uuid', (c) => c.notNull().unique())
    .addColumn('application_id', 'uuid', (c) => c.notNull())
    // Identity's user id of the recruiter; no foreign key crosses schemas.
    .addColumn('recruiter_id', 'uuid', (c) => c.notNull())
    .addColumn('company_id', 'uuid', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('currency', sql`char(3)`, (c) => c.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'approved', 'paid')`))
    .addColumn('hired_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('commissions_recruiter_idx').on('commissions').columns(['recruiter_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('commissions').execute();
}
