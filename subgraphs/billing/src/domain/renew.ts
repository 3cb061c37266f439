import { sql, type Kysely } from 'kysely';
import type { Database, Subscription } from '../db/types.ts';
import { calendarMonthOf } from './free-subscription.ts';
import { collectPayment } from './payments/collect-payment.ts';
import type { PaymentProvider } from './payments/provider.ts';
import { endSubscription, startNextPeriod } from './subscription-lifecycle.ts';

export interface RenewalSummary {
  readonly renewed: number;
  readonly canceled: number;
  readonly pastDue: number;
  readonly pending: number;
}

/**
 * One due subscription, in its own transaction(s): canceled at period end → ended; Free →
 * the next calendar month; a paid or trialing plan → charged (idempotency key derived from
 * the subscription and the period, so a rerun never charges twice) and renewed when paid,
 * past due when the payment failed.
 */
export async function renewSubscription(db: Kysely<Database>, provider: PaymentProvider, subscription: Subscription, now: Date): Promise<keyof RenewalSummary | null> {
  if (subscription.cancel_at_period_end) {
    const ended = await db.transaction().execute(async (trx) => {
      const locked = await trx.selectFrom('subscriptions').selectAll().where('id', '=', subscription.id).where('current_period_end', '<=', now).where('status', 'in', ['active', 'trialing', 'past_due']).forUpdate().executeTakeFirst();
      return locked ? endSubscription(trx, locked, now) : null;
    });
    return ended ? 'canceled' : null;
  }
  const plan = await db.selectFrom('plans').selectAll().where('id', '=', subscription.plan_id).executeTakeFirstOrThrow();
  if (plan.billing_interval === 'none') {
    const renewed = await db.transaction().execute(async (trx) => {
      const locked = await trx.selectFrom('subscriptions').selectAll().where('id', '=', subscription.id).where('current_period_end', '<=', now).forUpdate().executeTakeFirst();
      return locked ? startNextPeriod(trx, locked, calendarMonthOf(locked.current_period_end).end, now) : null;
    });
    return renewed ? 'renewed' : null;
  }
  const collected = await collectPayment(
    db,
    provider,
    {
      payerId: subscription.user_id,
      companyId: subscription.company_id,
      kind: 'renewal',
      amountCents: plan.price_cents,
      currency: plan.currency,
      description: `Jobgraph ${plan.name} renewal`,
      purpose: { kind: 'renewal', subscriptionId: subscription.id, periodStart: subscription.current_period_end.toISOString() },
      paymentMethod: subscription.payment_method ?? 'pm_card_visa',
      idempotencyKey: `renewal:${subscription.id}:${subscription.current_period_end.toISOString()}`,
    },
    now,
  );
  if (!collected.ok) throw new Error(`renewal of ${subscription.id} refused: ${collected.errors.map((error) => error.code).join(', ')}`);
  if (collected.value.replayed) return null;
  const status = collected.value.payment.status;
  return status === 'paid' ? 'renewed' : status === 'failed' ? 'pastDue' : 'pending';
}

/**
 * The scheduled job's entry point: every live subscription whose period has ended by
 * `now` and whose renewal is not waiting for the provider, oldest first, at most `limit`
 * per call. Safe to run concurrently and repeatedly.
 */
export async function renewDueSubscriptions(db: Kysely<Database>, provider: PaymentProvider, now: Date, limit = 500): Promise<RenewalSummary> {
  const due = await db
    .selectFrom('subscriptions as s')
    .selectAll('s')
    .where('s.status', 'in', ['active', 'trialing'])
    .where('s.current_period_end', '<=', now)
    // One whose renewal charge waits for the provider's webhook is not due again: without
    // this, enough of them would fill every batch and starve the rest.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('payments as p')
            .select('p.id')
            .where('p.kind', '=', 'renewal')
            .where('p.status', '=', 'pending')
            .where(sql<string>`p.purpose ->> 'subscriptionId'`, '=', sql<string>`s.id::text`),
        ),
      ),
    )
    .orderBy('s.current_period_end')
    .limit(limit)
    .execute();
  const summary = { renewed: 0, canceled: 0, pastDue: 0, pending: 0 };
  for (const subscription of due) {
    const outcome = await renewSubscription(db, provider, subscription, now);
    if (outcome) summary[outcome] += 1;
  }
  return summary;
}
