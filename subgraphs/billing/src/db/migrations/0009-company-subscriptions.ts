import { sql, type Kysely } from 'kysely';

/**
 * Employer plans belong to a company: `company_id` (catalog's id, no foreign key) with
 * the user who bought it in `user_id`; and the payment method renewals charge. One live subscription per user for their own
 * plan, and one per company.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('subscriptions').addColumn('company_id', 'uuid').execute();
  // The provider's payment method renewals charge (a provider token such as `pm_card_visa`, never card data).
  await db.schema.alterTable('subscriptions').addColumn('payment_method', 'text', (c) => c.check(sql`char_length(payment_method) <= 255`)).execute();
  await db.schema.dropIndex('subscriptions_user_live_key').execute();
  await db.schema
    .createIndex('subscriptions_user_live_key')
    .on('subscriptions')
    .column('user_id')
    .unique()
    .where(sql<boolean>`status in ('active', 'trialing', 'past_due') and company_id is null`)
    .execute();
  await db.schema
    .createIndex('subscriptions_company_live_key')
    .on('subscriptions')
    .column('company_id')
    .unique()
    .where(sql<boolean>`status in ('active', 'trialing', 'past_due') and company_id is not null`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('subscriptions_company_live_key').execute();
  await db.schema.dropIndex('subscriptions_user_live_key').execute();
  await db.schema
    .createIndex('subscriptions_user_live_key')
    .on('subscriptions')
    .column('user_id')
    .unique()
    .where(sql<boolean>`status in ('active', 'trialing', 'past_due')`)
    .execute();
  await db.schema.alterTable('subscriptions').dropColumn('company_id').dropColumn('payment_method').execute();
}
