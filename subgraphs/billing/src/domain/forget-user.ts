import type { Kysely } from 'kysely';
import { SubscriptionCanceled, appendToOutbox, pendingEvent } from '@jobgraph/kit';
import type { Database } from '../db/types.ts';
import { lockCredits } from './credit-ledger.ts';
import { entitlementsChanged } from './entitlements.ts';
import { subscriptionEventData } from './subscription-events.ts';
import { liveStatuses } from './subscription-view.ts';

export interface ForgottenUser {
  readonly canceledSubscriptions: number;
  readonly deletedLedgerEntries: number;
}

/**
 * Billing's part of erasing a user: their live subscriptions end (SubscriptionCanceled,
 * committed with the change), then their subscriptions and credit ledger are deleted.
 *
 * Deleting is right while billing holds no payments: nothing here is a financial record
 * anyone must keep. Once payments, invoices and commissions exist, those will be kept
 * for the statutory period and anonymized instead (the user id replaced by a tombstone
 * id), and this function will say so. The credit ledger is append-only for every other
 * purpose; erasure is its one exception.
 */
export async function forgetUser(trx: Kysely<Database>, userId: string): Promise<ForgottenUser> {
  const user = userId.toLowerCase();
  // No credit change of this user may slip in between the delete and the commit.
  await lockCredits(trx, user);
  const subscriptions = await trx.deleteFrom('subscriptions').where('user_id', '=', user).returningAll().execute();
  const live = subscriptions.filter((subscription) => (liveStatuses as readonly string[]).includes(subscription.status));
  const planIds = [...new Set(live.map((subscription) => subscription.plan_id))];
  const plans = planIds.length > 0 ? await trx.selectFrom('plans').select(['id', 'code']).where('id', 'in', planIds).execute() : [];
  const codeOf = new Map(plans.map((plan) => [plan.id, plan.code]));
  const now = new Date();
  const ended = live.map((subscription) => ({ ...subscription, status: 'canceled' as const }));
  await appendToOutbox(trx, [
    ...ended.map((subscription) =>
      pendingEvent(
        SubscriptionCanceled,
        subscription.id,
        // Ended now (the event's time), in the period it was in.
        subscriptionEventData(subscription, codeOf.get(subscription.plan_id) ?? 'unknown'),
      ),
    ),
  ]);
  for (const subscription of ended) await appendToOutbox(trx, [await entitlementsChanged(trx, subscription, now)]);
  // The version counter goes too: nothing is left for a later change to supersede.
  await trx.deleteFrom('entitlement_versions').where('account_kind', '=', 'user').where('account_id', '=', user).execute();
  const ledger = await trx.deleteFrom('credit_ledger').where('user_id', '=', user).executeTakeFirst();
  await trx.deleteFrom('credit_grant_expiries').where('user_id', '=', user).execute();
  return { canceledSubscriptions: live.length, deletedLedgerEntries: Number(ledger.numDeletedRows) };
}
