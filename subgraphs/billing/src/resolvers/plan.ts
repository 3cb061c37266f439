import type { DbBillingInterval, DbPlanAudience } from '../db/types.ts';
import type { BillingInterval, EntitlementResolvers, PlanAudience, PlanResolvers } from '../generated/resolvers.ts';

const toPlanAudience = (audience: DbPlanAudience): PlanAudience => audience.toUpperCase() as PlanAudience;
const toBillingInterval = (interval: DbBillingInterval): BillingInterval => interval.toUpperCase() as BillingInterval;

export const Plan: PlanResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.planById.load(reference.id),
  code: (plan) => plan.code,
  name: (plan) => plan.name,
  audience: (plan) => toPlanAudience(plan.audience),
  price: (plan) => ({ amountCents: plan.price_cents, currency: plan.currency }),
  interval: (plan) => toBillingInterval(plan.billing_interval),
  active: (plan) => plan.active,
  highlighted: (plan) => plan.highlighted,
  trialDays: (plan) => plan.trial_days,
  description: (plan) => plan.description,
  entitlements: (plan, _args, { loaders }) => loaders.entitlementsByPlanId.load(plan.id).then((rows) => [...rows]),
};

export const Entitlement: EntitlementResolvers = {
  feature: (entitlement) => entitlement.feature,
  limit: (entitlement) => entitlement.limit_value,
};
