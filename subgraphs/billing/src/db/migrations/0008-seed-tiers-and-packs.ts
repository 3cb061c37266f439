import { sql, type Kysely } from 'kysely';

/** The tables as this migration knows them: frozen here, whatever src/db/types.ts becomes. */
interface SeedTables {
  plans: { id: string; code: string; name: string; audience: string; price_cents: number; currency: string; billing_interval: string; highlighted: boolean; trial_days: number; description: string };
  plan_entitlements: { plan_id: string; feature: string; limit_value: number | null };
  credit_packs: { id: string; code: string; name: string; credits: number; price_cents: number; currency: string };
}

const pro = '6d1f3a52-0b7e-4c1a-9f00-000000000002';
const employer = '6d1f3a52-0b7e-4c1a-9f00-000000000003';
const employerTeam = '6d1f3a52-0b7e-4c1a-9f00-000000000004';
const pack = '6d1f3a52-0b7e-4c1a-9f00-000000000101';

/**
 * Credit packs (bought once, credited at once) sit beside the plans, and the second
 * employer tier, seats on both tiers, Pro highlighted and the Team tier with a trial.
 */
export async function up(db: Kysely<SeedTables>): Promise<void> {
  await db.schema
    .createTable('credit_packs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique().check(sql`code ~ '^[a-z][a-z0-9_]{0,39}$'`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 100`))
    .addColumn('credits', 'integer', (c) => c.notNull().check(sql`credits > 0`))
    .addColumn('price_cents', 'bigint', (c) => c.notNull().check(sql`price_cents > 0`))
    .addColumn('currency', sql`char(3)`, (c) => c.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.insertInto('credit_packs').values({ id: pack, code: 'credits_200', name: '200 AI credits', credits: 200, price_cents: 900, currency: 'USD' }).execute();
  await db.updateTable('plans').set({ highlighted: true, description: 'Unlimited saved searches and 500 AI credits a month.' }).where('id', '=', pro).execute();
  await db
    .insertInto('plans')
    .values({ id: employerTeam, code: 'employer_team', name: 'Employer Team', audience: 'employer', price_cents: 29900, currency: 'USD', billing_interval: 'month', highlighted: true, trial_days: 14, description: 'For hiring teams: 10 seats, 50 live listings.' })
    .execute();
  await db
    .insertInto('plan_entitlements')
    .values([
      { plan_id: employer, feature: 'seats', limit_value: 3 },
      { plan_id: employerTeam, feature: 'seats', limit_value: 10 },
      { plan_id: employerTeam, feature: 'job_posts_active', limit_value: 50 },
      { plan_id: employerTeam, feature: 'featured_listings', limit_value: 10 },
      { plan_id: employerTeam, feature: 'ai_credits_per_month', limit_value: 1000 },
    ])
    .execute();
}

export async function down(db: Kysely<SeedTables>): Promise<void> {
  await db.deleteFrom('plans').where('id', '=', employerTeam).execute();
  await db.deleteFrom('plan_entitlements').where('plan_id', '=', employer).where('feature', '=', 'seats').execute();
  await db.updateTable('plans').set({ highlighted: false, description: '' }).where('id', '=', pro).execute();
  await db.schema.dropTable('credit_packs').execute();
}
