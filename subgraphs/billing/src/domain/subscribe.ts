import type { Kysely } from 'kysely';
import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { Database, Payment, Plan, Subscription } from '../db/types.ts';
import { addDays, periodEnd, prorationCents } from './billing-period.ts';
import { canManageCompanyBilling, seatsInUse } from './company-access.ts';
import { planLimits } from './entitlements.ts';
import { collectPayment } from './payments/collect-payment.ts';
import type { PaymentProvider } from './payments/provider.ts';
import { lockLiveSubscription, openSubscription, setCancelAtPeriodEnd, switchPlan } from './subscription-lifecycle.ts';

export interface SubscribeRequest {
  readonly userId: string;
  readonly planCode: string;
  readonly companyId: string | null;
  /** When given, must be the plan's currency. */
  readonly currency: string | null;
  readonly paymentMethod: string;
  readonly idempotencyKey: string;
}

export interface SubscribeResult {
  readonly subscription: Subscription | null;
  readonly payment: Payment | null;
}

const notFound = () => fail(userError('NOT_FOUND', 'No subscription with this id.', ['input', 'subscriptionId']));

/** The plan on sale under `code` for this kind of account, or the UserError why not. */
async function planForAccount(db: Kysely<Database>, code: string, companyId: string | null, currency: string | null): Promise<Outcome<Plan>> {
  const plan = await db.selectFrom('plans').selectAll().where('code', '=', code).executeTakeFirst();
  if (!plan || !plan.active) return fail(userError('PLAN_NOT_FOUND', 'No plan on sale has this code.', ['input', 'planCode']));
  if (plan.audience === 'employer' && companyId === null) return fail(userError('COMPANY_REQUIRED', 'Employer plans are bought for a company.', ['input', 'companyId']));
  if (plan.audience === 'candidate' && companyId !== null) return fail(userError('NOT_A_COMPANY_PLAN', 'Candidate plans are for a person, not a company.', ['input', 'companyId']));
  if (currency !== null && currency !== plan.currency) return fail(userError('CURRENCY_MISMATCH', `This plan is sold in ${plan.currency}.`, ['input', 'currency']));
  return succeed(plan);
}

/** Whether the user may act for the account: themself, or an owner/admin of the company. */
async function mayActFor(db: Kysely<Database>, userId: string, companyId: string | null): Promise<boolean> {
  return companyId === null || canManageCompanyBilling(db, userId, companyId);
}

/**
 * Subscribes the user (or their company) to a plan. A plan with a trial opens trialing at
 * no charge; a paid plan is charged once per idempotency key and opens when paid (at once
 * with the built-in provider, by webhook with Stripe). A paid live subscription must be
 * changed with `changePlan`, not bought again.
 */
export async function subscribe(db: Kysely<Database>, provider: PaymentProvider, request: SubscribeRequest, now: Date): Promise<Outcome<SubscribeResult>> {
  if (!(await mayActFor(db, request.userId, request.companyId))) return fail(userError('NOT_FOUND', 'No company you manage has this id.', ['input', 'companyId']));
  const planOutcome = await planForAccount(db, request.planCode, request.companyId, request.currency);
  if (!planOutcome.ok) return planOutcome;
  const plan = planOutcome.value;
  // The live subscription is read before the replay: the payment and the subscription it
  // opens commit together, so a request that sees the new subscription also sees the payment
  // and replays it, rather than answering ALREADY_SUBSCRIBED to its own retry.
  const live = await db.transaction().execute((trx) => lockLiveSubscription(trx, request));
  const replay = await db.selectFrom('payments').selectAll().where('user_id', '=', request.userId.toLowerCase()).where('idempotency_key', '=', request.idempotencyKey).executeTakeFirst();
  if (!replay && live && live.plan_id !== (await freePlanId(db)) ) return fail(userError('ALREADY_SUBSCRIBED', 'This account has a plan already: change it instead.', ['input', 'planCode']));
  if (request.companyId !== null) {
    const seats = (await planLimits(db, plan.id)).seats;
    if (seats !== null && (await seatsInUse(db, request.companyId)) > seats) return fail(userError('SEATS_IN_USE', `The company has more members than the plan's ${seats} seats.`, ['input', 'planCode']));
  }
  if (plan.trial_days > 0 && !replay) {
    const subscription = await db.transaction().execute((trx) =>
      openSubscription(trx, { userId: request.userId, companyId: request.companyId, planId: plan.id, status: 'trialing', periodStart: now, periodEnd: addDays(now, plan.trial_days), provider: null, paymentMethod: request.paymentMethod }, now),
    );
    return succeed({ subscription, payment: null });
  }
  if (plan.billing_interval === 'none') return fail(userError('PLAN_NOT_FOR_SALE', 'This plan is free: every account has it without subscribing.', ['input', 'planCode']));
  const collected = await collectPayment(
    db,
    provider,
    {
      payerId: request.userId,
      companyId: request.companyId,
      kind: 'subscription',
      amountCents: plan.price_cents,
      currency: plan.currency,
      description: `Jobgraph ${plan.name}`,
      purpose: { kind: 'subscription', planId: plan.id, companyId: request.companyId?.toLowerCase() ?? null, paymentMethod: request.paymentMethod },
      paymentMethod: request.paymentMethod,
      idempotencyKey: request.idempotencyKey,
    },
    now,
  );
  if (!collected.ok) return collected;
  const { payment } = collected.value;
  if (payment.status === 'failed') return fail(userError('PAYMENT_FAILED', payment.failure_reason ?? 'The payment failed.', ['input', 'paymentMethod']));
  const subscription = payment.status === 'paid' ? ((await db.transaction().execute((trx) => lockLiveSubscription(trx, request))) ?? null) : null;
  return succeed({ subscription, payment });
}

async function freePlanId(db: Kysely<Database>): Promise<string> {
  return (await db.selectFrom('plans').select('id').where('code', '=', 'free').executeTakeFirstOrThrow()).id;
}

/** The subscription if the user may manage it (their own, or their company's as owner/admin); else undefined. */
export async function manageableSubscription(db: Kysely<Database>, userId: string, subscriptionId: string): Promise<Subscription | undefined> {
  const subscription = await db.selectFrom('subscriptions').selectAll().where('id', '=', subscriptionId.toLowerCase()).executeTakeFirst();
  if (!subscription) return undefined;
  if (subscription.company_id) return (await canManageCompanyBilling(db, userId, subscription.company_id)) ? subscription : undefined;
  return subscription.user_id === userId.toLowerCase() ? subscription : undefined;
}

export interface ChangePlanRequest {
  readonly userId: string;
  readonly subscriptionId: string;
  readonly planCode: string;
  readonly idempotencyKey: string;
}

/**
 * Upgrade or downgrade, effective now. An upgrade is charged the prorated price difference
 * for what is left of the period (`prorationCents`) and switches when paid; a downgrade
 * switches at once and refunds nothing. A company cannot go below its seats in use.
 */
export async function changePlan(db: Kysely<Database>, provider: PaymentProvider, request: ChangePlanRequest, now: Date): Promise<Outcome<SubscribeResult>> {
  const subscription = await manageableSubscription(db, request.userId, request.subscriptionId);
  if (!subscription || subscription.status === 'canceled') return notFound();
  const planOutcome = await planForAccount(db, request.planCode, subscription.company_id, null);
  if (!planOutcome.ok) return planOutcome;
  const plan = planOutcome.value;
  if (plan.id === subscription.plan_id) return fail(userError('SAME_PLAN', 'The subscription is on this plan already.', ['input', 'planCode']));
  if (plan.billing_interval === 'none') return fail(userError('PLAN_NOT_FOR_SALE', 'Cancel the subscription to go back to the free plan.', ['input', 'planCode']));
  if (subscription.company_id) {
    const seats = (await planLimits(db, plan.id)).seats;
    const used = await seatsInUse(db, subscription.company_id);
    if (seats !== null && used > seats) return fail(userError('SEATS_IN_USE', `The company has ${used} members; the plan has ${seats} seats.`, ['input', 'planCode']));
  }
  const current = await db.selectFrom('plans').selectAll().where('id', '=', subscription.plan_id).executeTakeFirstOrThrow();
  const amount = prorationCents({ fromPriceCents: current.price_cents, toPriceCents: plan.price_cents, periodStart: subscription.current_period_start, periodEnd: subscription.current_period_end, now });
  if (amount === 0 || subscription.status === 'trialing') {
    const switched = await db.transaction().execute(async (trx) => {
      const locked = await trx.selectFrom('subscriptions').selectAll().where('id', '=', subscription.id).forUpdate().executeTakeFirstOrThrow();
      return switchPlan(trx, locked, plan.id, now);
    });
    return succeed({ subscription: switched, payment: null });
  }
  const collected = await collectPayment(
    db,
    provider,
    {
      payerId: request.userId,
      companyId: subscription.company_id,
      kind: 'upgrade',
      amountCents: amount,
      currency: plan.currency,
      description: `Jobgraph upgrade to ${plan.name}`,
      purpose: { kind: 'upgrade', subscriptionId: subscription.id, planId: plan.id },
      paymentMethod: subscription.payment_method ?? 'pm_card_visa',
      idempotencyKey: request.idempotencyKey,
    },
    now,
  );
  if (!collected.ok) return collected;
  const { payment } = collected.value;
  if (payment.status === 'failed') return fail(userError('PAYMENT_FAILED', payment.failure_reason ?? 'The payment failed.'));
  const after = await db.selectFrom('subscriptions').selectAll().where('id', '=', subscription.id).executeTakeFirstOrThrow();
  return succeed({ subscription: after, payment });
}

/** Cancel at the period's end (`cancel`) or take that back (resume). Free cannot be canceled. */
export async function setCancellation(db: Kysely<Database>, userId: string, subscriptionId: string, cancel: boolean, now: Date): Promise<Outcome<Subscription>> {
  const subscription = await manageableSubscription(db, userId, subscriptionId);
  if (!subscription || subscription.status === 'canceled') return notFound();
  if (subscription.provider === null && subscription.status !== 'trialing') return fail(userError('NOT_CANCELABLE', 'The free plan has nothing to cancel.', ['input', 'subscriptionId']));
  if (subscription.cancel_at_period_end === cancel) return succeed(subscription);
  const changed = await db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('subscriptions').selectAll().where('id', '=', subscription.id).forUpdate().executeTakeFirstOrThrow();
    return setCancelAtPeriodEnd(trx, locked, cancel, now);
  });
  return succeed(changed);
}

export { periodEnd };
