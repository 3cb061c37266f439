import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { loaderByUuid, loaderOfLists } from '@jobgraph/kit';
import { selectBalances, selectLedgerPages, type LedgerPageQuery } from './db/credit-queries.ts';
import type { CreditLedgerEntry, Database, Plan } from './db/types.ts';
import { liveStatuses } from './domain/subscription-view.ts';

/**
 * Per-request loaders: one statement per kind of row, whatever the number of ids. Those
 * keyed by user id serve fields whose owner the resolver has already checked.
 */
export function createLoaders(db: Kysely<Database>) {
  const planById = loaderByUuid(
    (ids) => db.selectFrom('plans').selectAll().where('id', 'in', ids).execute(),
    (plan) => plan.id,
  );
  const ledgerPages = new Map<string, DataLoader<string, readonly CreditLedgerEntry[]>>();
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
    invoiceById: loaderByUuid(
      (ids) => db.selectFrom('invoices').selectAll().where('id', 'in', ids).execute(),
      (invoice) => invoice.id,
    ),
    invoiceLinesByInvoiceId: loaderOfLists(
      (invoiceIds) => db.selectFrom('invoice_lines').selectAll().where('invoice_id', 'in', invoiceIds).orderBy('position').execute(),
      (line) => line.invoice_id,
    ),
    commissionById: loaderByUuid(
      (ids) => db.selectFrom('commissions').selectAll().where('id', 'in', ids).execute(),
      (commission) => commission.id,
    ),
    purchaseById: loaderByUuid(
      (ids) => db.selectFrom('purchases').selectAll().where('id', 'in', ids).execute(),
      (purchase) => purchase.id,
    ),
    paymentById: loaderByUuid(
      (ids) => db.selectFrom('payments').selectAll().where('id', 'in', ids).execute(),
      (payment) => payment.id,
    ),
    subscriptionById: loaderByUuid(
      (ids) => db.selectFrom('subscriptions').selectAll().where('id', 'in', ids).execute(),
      (subscription) => subscription.id,
    ),
    /** Each user's live (active, trialing or past-due) subscription; null when they have none. */
    liveSubscriptionByUserId: loaderByUuid(
      (userIds) => db.selectFrom('subscriptions').selectAll().where('user_id', 'in', userIds).where('company_id', 'is', null).where('status', 'in', liveStatuses).execute(),
      (subscription) => subscription.user_id,
    ),
    /** Each user's credit balance; null for a user without ledger entries (a balance of 0). */
    creditBalanceByUserId: loaderByUuid(
      (userIds) => selectBalances(db, userIds),
      (balance) => balance.user_id,
    ),
    /**
     * One page of credit ledgers per user id; one loader (and one statement) per
     * distinct page request.
     */
    creditLedgerPages(query: LedgerPageQuery): DataLoader<string, readonly CreditLedgerEntry[]> {
      const key = JSON.stringify(query);
      let loader = ledgerPages.get(key);
      if (!loader) {
        loader = loaderOfLists((userIds) => selectLedgerPages(db, userIds, query), (entry) => entry.user_id);
        ledgerPages.set(key, loader);
      }
      return loader;
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
