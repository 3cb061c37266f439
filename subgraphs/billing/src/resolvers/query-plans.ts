import { findActivePlans } from '../db/plan-queries.ts';
import { normalizePlanCode } from '../domain/plan-catalog.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';

export const plans: QueryResolvers['plans'] = async (_parent, _args, { db, loaders }) => {
  const active = await findActivePlans(db);
  for (const plan of active) loaders.planById.prime(plan.id, plan);
  return active;
};

export const plan: QueryResolvers['plan'] = (_parent, { code }, { loaders }) => loaders.planByCode.load(normalizePlanCode(code));
