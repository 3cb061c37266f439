import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Identity's user id; no foreign key crosses schemas.
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id').onDelete('restrict'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'trialing', 'past_due', 'canceled')`))
    .addColumn('current_period_start', 'timestamptz', (c) => c.notNull())
    .addColumn('current_period_end', 'timestamptz', (c) => c.notNull())
    .addColumn('cancel_at_period_end', 'boolean', (c) => c.notNull().defaultTo(false))
    // 'stripe', …; null for subscriptions no payment provider manages (Free).
    .addColumn('provider', 'text')
    .addColumn('provider_subscription_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('subscriptions_period_order', sql`current_period_end > current_period_start`)
    .addCheckConstraint('subscriptions_provider_reference', sql`provider_subscription_id is null or provider is not null`)
    .execute();
  // One live subscription per user; canceled ones are history.
  await db.schema
    .createIndex('subscriptions_user_live_key')
    .on('subscriptions')
    .column('user_id')
    .unique()
    .where(sql.ref('status'), 'in', sql`('active', 'trialing', 'past_due')`)
    .execute();
  await db.schema.createIndex('subscriptions_user_id_idx').on('subscriptions').columns(['user_id', 'created_at']).execute();
  // Provider webhooks find the subscription they are about.
  await db.schema
    .createIndex('subscriptions_provider_reference_key')
    .on('subscriptions')
    .columns(['provider', 'provider_subscription_id'])
    .unique()
    .where(sql.ref('provider_subscription_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('subscriptions').execute();
}
