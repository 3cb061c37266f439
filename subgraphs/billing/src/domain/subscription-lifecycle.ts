import type { Kysely } from 'kysely';
import { SubscriptionCanceled, SubscriptionOpened, appendToOutbox, pendingEvent, type PendingEvent } from '@jobgraph/kit';
import type { Database, DbSubscriptionStatus, Subscription } from '../db/types.ts';
import { entitlementsChanged } from './entitlements.ts';
import { appendCreditEntry } from './credit-ledger.ts';
import { grantPlanCredits, monthlyAiCredits } from './plan-grant.ts';
import { subscriptionEventData } from './subscription-events.ts';
import { liveStatuses } from './subscription-view.ts';
import { CreditsGranted } from '@jobgraph/kit';

const planCodeOf = async (trx: Kysely<Database>, planId: string) => (await trx.selectFrom('plans').select('code').where('id', '=', planId).executeTakeFirstOrThrow()).code;

/** The account's live subscription (locked until the transaction ends), or undefined. */
export async function lockLiveSubscription(trx: Kysely<Database>, account: { readonly userId: string; readonly companyId: string | null }): Promise<Subscription | undefined> {
  let query = trx.selectFrom('subscriptions').selectAll().where('status', 'in', liveStatuses).forUpdate();
  query = account.companyId ? query.where('company_id', '=', account.companyId.toLowerCase()) : query.where('user_id', '=', account.userId.toLowerCase()).where('company_id', 'is', null);
  return query.executeTakeFirst();
}

export interface OpenSubscription {
  readonly userId: string;
  readonly companyId: string | null;
  readonly planId: string;
  readonly status: Extract<DbSubscriptionStatus, 'active' | 'trialing'>;
  readonly periodStart: Date;
  readonly periodEnd: Date;
  readonly provider: string | null;
  readonly paymentMethod: string | null;
}

/**
 * Opens a subscription for the account, ending the live one it replaces (Free, when the
 * user upgrades from it). Publishes SubscriptionCanceled for the old one, SubscriptionOpened,
 * EntitlementsChanged and the period's CreditsGranted, with the change.
 */
export async function openSubscription(trx: Kysely<Database>, input: OpenSubscription, now: Date): Promise<Subscription> {
  const events: PendingEvent[] = [];
  const previous = await lockLiveSubscription(trx, input);
  if (previous) {
    const ended = await trx.updateTable('subscriptions').set({ status: 'canceled', cancel_at_period_end: false, updated_at: now }).where('id', '=', previous.id).returningAll().executeTakeFirstOrThrow();
    events.push(pendingEvent(SubscriptionCanceled, ended.id, subscriptionEventData(ended, await planCodeOf(trx, ended.plan_id))));
  }
  const opened = await trx
    .insertInto('subscriptions')
    .values({
      user_id: input.userId.toLowerCase(),
      company_id: input.companyId?.toLowerCase() ?? null,
      plan_id: input.planId,
      status: input.status,
      current_period_start: input.periodStart,
      current_period_end: input.periodEnd,
      provider: input.provider,
      payment_method: input.paymentMethod,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  events.push(pendingEvent(SubscriptionOpened, opened.id, subscriptionEventData(opened, await planCodeOf(trx, opened.plan_id))));
  events.push(await entitlementsChanged(trx, opened, now));
  const grant = await grantPlanCredits(trx, opened);
  if (grant) events.push(grant);
  await appendToOutbox(trx, events);
  return opened;
}

/** A new period after a successful renewal: active again, the period's credits granted, EntitlementsChanged. */
export async function startNextPeriod(trx: Kysely<Database>, subscription: Subscription, periodEnd: Date, now: Date): Promise<Subscription> {
  const renewed = await trx
    .updateTable('subscriptions')
    .set({ status: 'active', current_period_start: subscription.current_period_end, current_period_end: periodEnd, updated_at: now })
    .where('id', '=', subscription.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const events: PendingEvent[] = [await entitlementsChanged(trx, renewed, now)];
  const grant = await grantPlanCredits(trx, renewed);
  if (grant) events.push(grant);
  await appendToOutbox(trx, events);
  return renewed;
}

/** Moves to another plan within the period; an upgrade's extra credits for the period are granted once. */
export async function switchPlan(trx: Kysely<Database>, subscription: Subscription, planId: string, now: Date): Promise<Subscription> {
  const switched = await trx.updateTable('subscriptions').set({ plan_id: planId, updated_at: now }).where('id', '=', subscription.id).returningAll().executeTakeFirstOrThrow();
  const events: PendingEvent[] = [await entitlementsChanged(trx, switched, now)];
  const extra = ((await monthlyAiCredits(trx, planId)) ?? 0) - ((await monthlyAiCredits(trx, subscription.plan_id)) ?? 0);
  if (extra > 0) {
    const outcome = await appendCreditEntry(trx, {
      userId: switched.user_id,
      amount: extra,
      reason: 'plan_grant',
      reference: `subscription:${switched.id}:period:${switched.current_period_start.toISOString()}:plan:${planId}`,
      expiresAt: switched.current_period_end,
    });
    if (outcome.kind === 'appended') {
      const { entry } = outcome;
      events.push(pendingEvent(CreditsGranted, entry.user_id, { entryId: entry.id, userId: entry.user_id, amount: entry.amount, reason: entry.reason, balance: entry.balance_after }));
    }
  }
  await appendToOutbox(trx, events);
  return switched;
}

/** Sets or clears cancel-at-period-end; EntitlementsChanged (the limits hold until the period ends). */
export async function setCancelAtPeriodEnd(trx: Kysely<Database>, subscription: Subscription, cancel: boolean, now: Date): Promise<Subscription> {
  const changed = await trx.updateTable('subscriptions').set({ cancel_at_period_end: cancel, updated_at: now }).where('id', '=', subscription.id).returningAll().executeTakeFirstOrThrow();
  await appendToOutbox(trx, [await entitlementsChanged(trx, changed, now)]);
  return changed;
}

/** Ends the subscription now: SubscriptionCanceled and EntitlementsChanged (a user falls back to Free). */
export async function endSubscription(trx: Kysely<Database>, subscription: Subscription, now: Date): Promise<Subscription> {
  const ended = await trx.updateTable('subscriptions').set({ status: 'canceled', updated_at: now }).where('id', '=', subscription.id).returningAll().executeTakeFirstOrThrow();
  await appendToOutbox(trx, [pendingEvent(SubscriptionCanceled, ended.id, subscriptionEventData(ended, await planCodeOf(trx, ended.plan_id))), await entitlementsChanged(trx, ended, now)]);
  return ended;
}

/** A renewal payment failed: past due (the plan still applies while payment is retried); EntitlementsChanged. */
export async function markPastDue(trx: Kysely<Database>, subscription: Subscription, now: Date): Promise<Subscription> {
  const due = await trx.updateTable('subscriptions').set({ status: 'past_due', updated_at: now }).where('id', '=', subscription.id).returningAll().executeTakeFirstOrThrow();
  await appendToOutbox(trx, [await entitlementsChanged(trx, due, now)]);
  return due;
}
