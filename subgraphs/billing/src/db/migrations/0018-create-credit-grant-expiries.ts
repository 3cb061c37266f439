import { sql, type Kysely } from 'kysely';

/**
 * Which expiring grants the expiry job has dealt with, and how much of each lapsed (0 when
 * it was all spent, so no ledger row could say so). The ledger stays append-only; this is
 * the job's own bookkeeping, one row per grant.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('credit_grant_expiries')
    .addColumn('grant_entry_id', 'uuid', (c) => c.primaryKey())
    // Identity's user id; no foreign key crosses schemas.
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('lapsed', 'integer', (c) => c.notNull().check(sql`lapsed >= 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('credit_grant_expiries_user_idx').on('credit_grant_expiries').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('credit_grant_expiries').execute();
}
