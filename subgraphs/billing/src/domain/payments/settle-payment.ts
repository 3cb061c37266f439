import type { Kysely } from 'kysely';
import { CreditsGranted, appendToOutbox, pendingEvent } from '@jobgraph/kit';
import type { Database, Payment } from '../../db/types.ts';
import { periodEnd } from '../billing-period.ts';
import { appendCreditEntry } from '../credit-ledger.ts';
import { issueInvoice, type InvoiceDraft } from '../invoices.ts';
import { monthlyAiCredits } from '../plan-grant.ts';
import { applyPurchase } from '../purchases.ts';
import { markPastDue, openSubscription, startNextPeriod, switchPlan } from '../subscription-lifecycle.ts';

/**
 * What a paid payment buys, applied in the transaction that marks it paid (at once for
 * the built-in provider, from the webhook for Stripe), and its invoice issued with it.
 * Each effect is guarded so that a payment applies once.
 */
export async function applyPaidPayment(trx: Kysely<Database>, payment: Payment, now: Date): Promise<void> {
  const draft = await applyPurpose(trx, payment, now);
  await issueInvoice(trx, payment, draft, now);
}

/** One line for the whole amount, with the credits it put in the ledger. */
const singleLine = (payment: Payment, description: string, credits: number | null, periodStart: Date | null = null, periodEnd: Date | null = null): InvoiceDraft => ({
  periodStart,
  periodEnd,
  lines: [{ description, quantity: 1, unitAmountCents: payment.amount_cents, credits }],
});

async function applyPurpose(trx: Kysely<Database>, payment: Payment, now: Date): Promise<InvoiceDraft> {
  const purpose = payment.purpose;
  switch (purpose.kind) {
    case 'subscription': {
      const plan = await trx.selectFrom('plans').selectAll().where('id', '=', purpose.planId).executeTakeFirstOrThrow();
      if (plan.billing_interval === 'none') throw new Error(`plan ${plan.code} is not billed`);
      const opened = await openSubscription(
        trx,
        { userId: payment.user_id, companyId: purpose.companyId, planId: plan.id, status: 'active', periodStart: now, periodEnd: periodEnd(now, plan.billing_interval), provider: payment.provider, paymentMethod: purpose.paymentMethod },
        now,
      );
      return singleLine(payment, `${plan.name} subscription`, await monthlyAiCredits(trx, plan.id), opened.current_period_start, opened.current_period_end);
    }
    case 'renewal': {
      const subscription = await trx.selectFrom('subscriptions').selectAll().where('id', '=', purpose.subscriptionId).forUpdate().executeTakeFirstOrThrow();
      const plan = await trx.selectFrom('plans').select(['name', 'billing_interval']).where('id', '=', subscription.plan_id).executeTakeFirstOrThrow();
      // Applied already (the period moved on) or ended meanwhile: the money was still paid.
      if (subscription.status === 'canceled' || subscription.current_period_end.toISOString() !== purpose.periodStart || plan.billing_interval === 'none') {
        return singleLine(payment, `${plan.name} renewal`, null);
      }
      const renewed = await startNextPeriod(trx, subscription, periodEnd(subscription.current_period_end, plan.billing_interval), now);
      return singleLine(payment, `${plan.name} renewal`, await monthlyAiCredits(trx, subscription.plan_id), renewed.current_period_start, renewed.current_period_end);
    }
    case 'upgrade': {
      const subscription = await trx.selectFrom('subscriptions').selectAll().where('id', '=', purpose.subscriptionId).forUpdate().executeTakeFirstOrThrow();
      const plan = await trx.selectFrom('plans').select('name').where('id', '=', purpose.planId).executeTakeFirstOrThrow();
      const line = `Upgrade to ${plan.name}, prorated for the rest of the period`;
      if (subscription.status === 'canceled' || subscription.plan_id === purpose.planId) return singleLine(payment, line, null);
      await switchPlan(trx, subscription, purpose.planId, now);
      return singleLine(payment, line, null, now, subscription.current_period_end);
    }
    case 'credit_pack': {
      const pack = await trx.selectFrom('credit_packs').selectAll().where('id', '=', purpose.packId).executeTakeFirstOrThrow();
      const outcome = await appendCreditEntry(trx, { userId: payment.user_id, amount: pack.credits, reason: 'purchase', reference: `payment:${payment.id}` });
      if (outcome.kind === 'appended') {
        const { entry } = outcome;
        await appendToOutbox(trx, [pendingEvent(CreditsGranted, entry.user_id, { entryId: entry.id, userId: entry.user_id, amount: entry.amount, reason: entry.reason, balance: entry.balance_after })]);
      }
      return singleLine(payment, pack.name, pack.credits);
    }
    case 'job_post':
    case 'featured_listing':
      return applyPurchase(trx, payment, now);
  }
}

/** A failed renewal makes its subscription past due; other failed payments bought nothing and change nothing else. */
export async function applyFailedPayment(trx: Kysely<Database>, payment: Payment, now: Date): Promise<void> {
  const purpose = payment.purpose;
  if (purpose.kind !== 'renewal') return;
  const subscription = await trx.selectFrom('subscriptions').selectAll().where('id', '=', purpose.subscriptionId).forUpdate().executeTakeFirstOrThrow();
  if (subscription.status === 'active' || subscription.status === 'trialing') await markPastDue(trx, subscription, now);
}
