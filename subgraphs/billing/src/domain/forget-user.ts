import { sql, type Kysely } from 'kysely';
import { SubscriptionCanceled, appendToOutbox, pendingEvent } from '@jobgraph/kit';
import type { Database } from '../db/types.ts';
import { lockCredits } from './credit-ledger.ts';
import { entitlementsChanged } from './entitlements.ts';
import { subscriptionEventData } from './subscription-events.ts';
import { liveStatuses } from './subscription-view.ts';

export interface ForgottenUser {
  readonly canceledSubscriptions: number;
  readonly deletedLedgerEntries: number;
  /** Financial records kept under a tombstone id: payments, invoices, purchases, commissions, company subscriptions. */
  readonly keptRecords: number;
}

/**
 * Billing's part of erasing a user. What is theirs alone goes: their own subscriptions
 * (live ones end first: SubscriptionCanceled and EntitlementsChanged, committed with the
 * change), their credit ledger (credits are not money; the ledger is append-only for every
 * other purpose, erasure is its one exception), their entitlements version, their company
 * memberships.
 *
 * Financial records stay for the statutory retention period (bookkeeping law; GDPR art.
 * 17(3)(b) lets a legal obligation outrank erasure): payments, invoices with their lines,
 * purchases, commissions, and company subscriptions they bought (the company's plan does
 * not end because its buyer left). In all of them the user's id is replaced by one fresh
 * random tombstone id, the same across their rows so an auditor still sees which records
 * belonged together, with nothing left that leads back to the person; a payment's
 * idempotency key, which the client chose and may hold anything, is replaced too. Amounts,
 * numbers, dates and provider references stay: they are what reconciles the books.
 */
export async function forgetUser(trx: Kysely<Database>, userId: string): Promise<ForgottenUser> {
  const user = userId.toLowerCase();
  // No credit change of this user may slip in between the delete and the commit.
  await lockCredits(trx, user);
  const keptRecords = await keepFinancialRecords(trx, user, crypto.randomUUID());
  const subscriptions = await trx.deleteFrom('subscriptions').where('user_id', '=', user).where('company_id', 'is', null).returningAll().execute();
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
  await trx.deleteFrom('credit_balances').where('user_id', '=', user).execute();
  await trx.deleteFrom('company_members').where('user_id', '=', user).execute();
  return { canceledSubscriptions: live.length, deletedLedgerEntries: Number(ledger.numDeletedRows), keptRecords };
}

/** Re-attributes the user's financial records to `tombstone`; answers how many rows it kept. */
async function keepFinancialRecords(trx: Kysely<Database>, user: string, tombstone: string): Promise<number> {
  const now = new Date();
  const updates = [
    trx.updateTable('payments').set({ user_id: tombstone, idempotency_key: sql<string>`'erased:' || id::text`, updated_at: now }).where('user_id', '=', user),
    trx.updateTable('invoices').set({ user_id: tombstone, updated_at: now }).where('user_id', '=', user),
    trx.updateTable('purchases').set({ user_id: tombstone, updated_at: now }).where('user_id', '=', user),
    trx.updateTable('subscriptions').set({ user_id: tombstone, updated_at: now }).where('user_id', '=', user).where('company_id', 'is not', null),
    trx.updateTable('commissions').set({ recruiter_id: tombstone, updated_at: now }).where('recruiter_id', '=', user),
    trx.updateTable('commissions').set({ approved_by: tombstone }).where('approved_by', '=', user),
    trx.updateTable('commissions').set({ paid_by: tombstone }).where('paid_by', '=', user),
  ];
  let kept = 0;
  for (const update of updates) kept += Number((await update.executeTakeFirst()).numUpdatedRows);
  return kept;
}
