import type { Kysely } from 'kysely';
import { CreditsGranted, pendingEvent, type PendingEvent } from '@jobgraph/kit';
import type { Database, Subscription } from '../db/types.ts';
import { appendCreditEntry } from './credit-ledger.ts';

/** The entitlement that says how many AI credits a plan grants each period. */
export const aiCreditsFeature = 'ai_credits_per_month';

/**
 * What a plan grant is for: one subscription's one period. The ledger's unique
 * (reason, reference) key makes a second grant for the same period impossible, however
 * often the event that caused it is delivered.
 */
export function planGrantReference(subscriptionId: string, periodStart: Date): string {
  return `subscription:${subscriptionId.toLowerCase()}:period:${periodStart.toISOString()}`;
}

/** The plan's monthly AI credits; null when it grants none or sets no limit (unlimited is not a ledger amount). */
export async function monthlyAiCredits(trx: Kysely<Database>, planId: string): Promise<number | null> {
  const entitlement = await trx.selectFrom('plan_entitlements').select('limit_value').where('plan_id', '=', planId).where('feature', '=', aiCreditsFeature).executeTakeFirst();
  const credits = entitlement?.limit_value ?? null;
  return credits !== null && credits > 0 ? credits : null;
}

/**
 * Grants the subscription's plan credits for its current period, once; they expire with it. Returns the
 * CreditsGranted event to commit with it, or nothing when there was nothing to grant
 * (the plan has no credits, or this period's were granted already).
 */
export async function grantPlanCredits(trx: Kysely<Database>, subscription: Subscription): Promise<PendingEvent | null> {
  const amount = await monthlyAiCredits(trx, subscription.plan_id);
  if (amount === null) return null;
  const outcome = await appendCreditEntry(trx, {
    userId: subscription.user_id,
    amount,
    reason: 'plan_grant',
    reference: planGrantReference(subscription.id, subscription.current_period_start),
    // A period's allowance does not roll over: what is left lapses when the period ends.
    expiresAt: subscription.current_period_end,
  });
  if (outcome.kind !== 'appended') return null;
  const { entry } = outcome;
  // Keyed by the user: one user's balance changes stay in order on the topic.
  return pendingEvent(CreditsGranted, entry.user_id, { entryId: entry.id, userId: entry.user_id, amount: entry.amount, reason: entry.reason, balance: entry.balance_after });
}
