import type { Kysely } from 'kysely';

/** The two tables as this migration knows them: frozen here, whatever src/db/types.ts becomes. */
interface SeedTables {
  plans: { id: string; code: string; name: string; audience: string; price_cents: number; currency: string; billing_interval: string };
  plan_entitlements: { plan_id: string; feature: string; limit_value: number | null };
}

// Fixed ids, the same in every environment. Frozen: later price changes are new migrations.
const free = '6d1f3a52-0b7e-4c1a-9f00-000000000001';
const pro = '6d1f3a52-0b7e-4c1a-9f00-000000000002';
const employer = '6d1f3a52-0b7e-4c1a-9f00-000000000003';

export async function up(db: Kysely<SeedTables>): Promise<void> {
  await db
    .insertInto('plans')
    .values([
      { id: free, code: 'free', name: 'Free', audience: 'candidate', price_cents: 0, currency: 'USD', billing_interval: 'none' },
      { id: pro, code: 'pro', name: 'Pro', audience: 'candidate', price_cents: 1900, currency: 'USD', billing_interval: 'month' },
      { id: employer, code: 'employer', name: 'Employer', audience: 'employer', price_cents: 9900, currency: 'USD', billing_interval: 'month' },
    ])
    .execute();
  await db
    .insertInto('plan_entitlements')
    .values([
      { plan_id: free, feature: 'ai_credits_per_month', limit_value: 20 },
      { plan_id: free, feature: 'saved_searches', limit_value: 3 },
      { plan_id: pro, feature: 'ai_credits_per_month', limit_value: 500 },
      { plan_id: pro, feature: 'saved_searches', limit_value: null },
      { plan_id: employer, feature: 'job_posts_active', limit_value: 10 },
      { plan_id: employer, feature: 'featured_listings', limit_value: 2 },
      { plan_id: employer, feature: 'ai_credits_per_month', limit_value: 100 },
    ])
    .execute();
}

export async function down(db: Kysely<SeedTables>): Promise<void> {
  await db.deleteFrom('plans').where('id', 'in', [free, pro, employer]).execute();
}
