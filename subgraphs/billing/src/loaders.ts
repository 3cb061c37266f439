import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { loaderByUuid, loaderOfLists } from '@jobgraph/kit';
import type { Database, Plan } from './db/types.ts';
import { liveStatuses } from './domain/subscription-view.ts';

export function createLoaders(db: Kysely<Database>) {
  const planById = loaderByUuid(
    (ids) => db.selectFrom('plans').selectAll().where('id', 'in', ids).execute(),
    (plan) => plan.id,
  );
  return {
    /** Any plan, on sale or not: subscribers of a retired plan still see it. */
    planById,
    /** By normalized code; what it finds is also cached by id. */
    planByCode: new DataLoader<string, Plan | null>(async (codes) => {
      const plans = await db.selectFrom('plans').selectAll().where('code', 'in', [...codes]).execute();
      for (const plan of plans) planById.prime(plan.id, plan);
      const byCode = new Map(plans.map((plan) => [plan.code, plan]));
      return codes.map((code) => byCode.get(code) ?? null);
    }),
    entitlementsByPlanId: loaderOfLists(
      (planIds) => db.selectFrom('plan_entitlements').selectAll().where('plan_id', 'in', planIds).orderBy('feature').execute(),
      (entitlement) => entitlement.plan_id,
    ),
    subscriptionById: loaderByUuid(
      (ids) => db.selectFrom('subscriptions').selectAll().where('id', 'in', ids).execute(),
      (subscription) => subscription.id,
    ),
    /** Each user's live (active, trialing or past-due) subscription; null when they have none. */
    liveSubscriptionByUserId: loaderByUuid(
      (userIds) => db.selectFrom('subscriptions').selectAll().where('user_id', 'in', userIds).where('status', 'in', liveStatuses).execute(),
      (subscription) => subscription.user_id,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
