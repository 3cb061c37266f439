import type { Kysely } from 'kysely';
import { PlanChanged, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { Database, DbBillingInterval, DbPlanAudience, Plan } from '../db/types.ts';
import { normalizePlanCode } from './plan-catalog.ts';

export interface NewPlanRequest {
  readonly code: string;
  readonly name: string;
  readonly audience: DbPlanAudience;
  readonly priceCents: number;
  readonly currency: string;
  readonly interval: DbBillingInterval;
  readonly trialDays: number;
  readonly highlighted: boolean;
  readonly entitlements: readonly { readonly feature: string; readonly limit: number | null }[];
}

const planEvent = (plan: Plan) =>
  pendingEvent(PlanChanged, plan.id, { planId: plan.id, code: plan.code, audience: plan.audience, priceCents: plan.price_cents, currency: plan.currency, interval: plan.billing_interval, active: plan.active });

/** The rules a new plan keeps, as UserErrors (the table's CHECKs back them up). */
export function validateNewPlan(request: NewPlanRequest): Outcome<NewPlanRequest> {
  const code = normalizePlanCode(request.code);
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(code)) return fail(userError('INVALID_CODE', 'A plan code is 1 to 40 lower-case letters, digits and underscores, starting with a letter.', ['input', 'code']));
  const name = request.name.trim();
  if (name.length < 1 || name.length > 100) return fail(userError('INVALID_NAME', 'A plan name is 1 to 100 characters.', ['input', 'name']));
  if (!Number.isSafeInteger(request.priceCents) || request.priceCents < 0) return fail(userError('INVALID_AMOUNT', 'The price must be zero or a positive number of cents.', ['input', 'priceCents']));
  if (request.interval === 'none' && request.priceCents !== 0) return fail(userError('INVALID_AMOUNT', 'A plan that is never billed costs nothing.', ['input', 'priceCents']));
  if (request.interval !== 'none' && request.priceCents === 0) return fail(userError('INVALID_AMOUNT', 'A billed plan costs more than zero.', ['input', 'priceCents']));
  if (!Number.isSafeInteger(request.trialDays) || request.trialDays < 0 || request.trialDays > 90) return fail(userError('INVALID_TRIAL', 'A trial is 0 to 90 days.', ['input', 'trialDays']));
  const features = new Set<string>();
  for (const [index, entitlement] of request.entitlements.entries()) {
    if (!/^[a-z][a-z0-9_]{0,63}$/.test(entitlement.feature) || features.has(entitlement.feature)) return fail(userError('INVALID_ENTITLEMENT', 'Each feature is named once, in lower case.', ['input', 'entitlements', String(index), 'feature']));
    if (entitlement.limit !== null && (!Number.isSafeInteger(entitlement.limit) || entitlement.limit < 0)) return fail(userError('INVALID_ENTITLEMENT', 'A limit is zero or more, or null for unlimited.', ['input', 'entitlements', String(index), 'limit']));
    features.add(entitlement.feature);
  }
  return succeed({ ...request, code, name });
}

/** Adds a plan (highlighting it takes the highlight from the audience's other plan); PlanChanged. */
export async function createPlan(db: Kysely<Database>, request: NewPlanRequest): Promise<Outcome<Plan>> {
  const valid = validateNewPlan(request);
  if (!valid.ok) return valid;
  const input = valid.value;
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('plans').select('id').where('code', '=', input.code).executeTakeFirst();
    if (taken) return fail(userError('CODE_TAKEN', 'A plan has this code already.', ['input', 'code']));
    if (input.highlighted) await trx.updateTable('plans').set({ highlighted: false, updated_at: new Date() }).where('audience', '=', input.audience).where('highlighted', '=', true).execute();
    const plan = await trx
      .insertInto('plans')
      .values({ code: input.code, name: input.name, audience: input.audience, price_cents: input.priceCents, currency: input.currency, billing_interval: input.interval, trial_days: input.trialDays, highlighted: input.highlighted })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.entitlements.length > 0) {
      await trx.insertInto('plan_entitlements').values(input.entitlements.map((entitlement) => ({ plan_id: plan.id, feature: entitlement.feature, limit_value: entitlement.limit }))).execute();
    }
    await appendToOutbox(trx, [planEvent(plan)]);
    return succeed(plan);
  });
}

/** Stops selling a plan; its subscriptions keep it (and renew on it). Free cannot be retired. PlanChanged. */
export async function retirePlan(db: Kysely<Database>, code: string): Promise<Outcome<Plan>> {
  const normalized = normalizePlanCode(code);
  if (normalized === 'free') return fail(userError('NOT_RETIRABLE', 'Every account falls back to Free: it stays on sale.', ['input', 'code']));
  return db.transaction().execute(async (trx) => {
    const plan = await trx.updateTable('plans').set({ active: false, highlighted: false, updated_at: new Date() }).where('code', '=', normalized).returningAll().executeTakeFirst();
    if (!plan) return fail(userError('PLAN_NOT_FOUND', 'No plan has this code.', ['input', 'code']));
    await appendToOutbox(trx, [planEvent(plan)]);
    return succeed(plan);
  });
}
