import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { startSubgraphHarness, type SubgraphHarness } from '@jobgraph/kit/testing';
import { planIds } from '../src/domain/plan-catalog.ts';
import { billing } from '../src/index.ts';

const planFields = 'id code name audience price { amountCents currency } interval active entitlements { feature limit }';

let database: TestDatabase;
let harness: SubgraphHarness;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startSubgraphHarness(billing, database);
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const statementsOn = (table: string) => harness.queries.filter((q) => q.query.sql.includes(`"${table}"`));

describe('plans', () => {
  it('lists Free, Pro and the two employer tiers with their entitlements to anyone, signed in or not', async () => {
    const result = await harness.request<{ plans: unknown[] }>(`{ plans { ${planFields} } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.plans).toEqual([
      {
        id: planIds.free,
        code: 'free',
        name: 'Free',
        audience: 'CANDIDATE',
        price: { amountCents: 0, currency: 'USD' },
        interval: 'NONE',
        active: true,
        entitlements: [
          { feature: 'ai_credits_per_month', limit: 20 },
          { feature: 'saved_searches', limit: 3 },
        ],
      },
      {
        id: planIds.pro,
        code: 'pro',
        name: 'Pro',
        audience: 'CANDIDATE',
        price: { amountCents: 1900, currency: 'USD' },
        interval: 'MONTH',
        active: true,
        entitlements: [
          { feature: 'ai_credits_per_month', limit: 500 },
          { feature: 'saved_searches', limit: null },
        ],
      },
      {
        id: planIds.employer,
        code: 'employer',
        name: 'Employer',
        audience: 'EMPLOYER',
        price: { amountCents: 9900, currency: 'USD' },
        interval: 'MONTH',
        active: true,
        entitlements: [
          { feature: 'ai_credits_per_month', limit: 100 },
          { feature: 'featured_listings', limit: 2 },
          { feature: 'job_posts_active', limit: 10 },
          { feature: 'seats', limit: 3 },
        ],
      },
      {
        id: '6d1f3a52-0b7e-4c1a-9f00-000000000004',
        code: 'employer_team',
        name: 'Employer Team',
        audience: 'EMPLOYER',
        price: { amountCents: 29900, currency: 'USD' },
        interval: 'MONTH',
        active: true,
        entitlements: [
          { feature: 'ai_credits_per_month', limit: 1000 },
          { feature: 'featured_listings', limit: 10 },
          { feature: 'job_posts_active', limit: 50 },
          { feature: 'seats', limit: 10 },
        ],
      },
    ]);
  });

  it('loads the plans and all their entitlements in one statement each', async () => {
    harness.resetQueries();
    await harness.request(`{ plans { id entitlements { feature } } }`);
    expect(statementsOn('plans')).toHaveLength(1);
    expect(statementsOn('plan_entitlements')).toHaveLength(1);
  });

  it('finds a plan by its code, whatever its case, and null for an unknown code', async () => {
    const result = await harness.request<{ pro: { id: string } | null; none: unknown }>(`{ pro: plan(code: " PRO ") { id code } none: plan(code: "platinum") { id } }`);
    expect(result.data).toEqual({ pro: { id: planIds.pro, code: 'pro' }, none: null });
  });

  it('resolves plan references in one statement for plans and one for entitlements', async () => {
    harness.resetQueries();
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Plan { id code entitlements { feature } } } }';
    const ids = [planIds.free, planIds.pro, planIds.employer, crypto.randomUUID(), 'not-a-uuid'];
    const result = await harness.request<{ _entities: ({ code: string } | null)[] }>(query, { r: ids.map((id) => ({ __typename: 'Plan', id })) });
    expect(result.data?._entities.map((p) => p?.code ?? null)).toEqual(['free', 'pro', 'employer', null, null]);
    expect(statementsOn('plans')).toHaveLength(1);
    expect(statementsOn('plan_entitlements')).toHaveLength(1);
  });
});
