import { sql, type Kysely } from 'kysely';

/**
 * Every charge: what it is for, its amount in cents, its provider reference, and the
 * payer's idempotency key (unique per payer): the same key twice is the same payment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('payments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Identity's user id of the payer; no foreign key crosses schemas.
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('company_id', 'uuid')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('subscription', 'renewal', 'upgrade', 'credit_pack', 'job_post', 'featured_listing')`))
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('currency', sql`char(3)`, (c) => c.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'paid', 'failed', 'refunded')`))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_ref', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().check(sql`char_length(idempotency_key) between 8 and 100`))
    // A digest of what was asked: the same key with another request is refused.
    .addColumn('request_hash', 'text', (c) => c.notNull())
    // What the payment buys, applied once when it is paid (plan, pack, listing, subscription).
    .addColumn('purpose', 'jsonb', (c) => c.notNull())
    .addColumn('failure_reason', 'text')
    .addColumn('paid_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('payments_user_idempotency_key', ['user_id', 'idempotency_key'])
    .addCheckConstraint('payments_paid_has_time', sql`status <> 'paid' or paid_at is not null`)
    .execute();
  await db.schema
    .createIndex('payments_provider_ref_key')
    .on('payments')
    .columns(['provider', 'provider_ref'])
    .unique()
    .where(sql.ref('provider_ref'), 'is not', null)
    .execute();
  await db.schema.createIndex('payments_user_created_idx').on('payments').columns(['user_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('payments').execute();
}
