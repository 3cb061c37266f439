import type { Kysely } from 'kysely';
import { PaymentFailed, PaymentSucceeded, appendToOutbox, pendingEvent } from '@jobgraph/kit';
import type { Database } from '../db/types.ts';
import { paymentEventData } from './payments/payment-events.ts';
import type { ProviderEvent } from './payments/provider.ts';
import { applyFailedPayment, applyPaidPayment } from './payments/settle-payment.ts';

export type WebhookOutcome = 'processed' | 'duplicate' | 'ignored';

/**
 * Processes one verified provider event exactly once: its id goes into the inbox
 * (`provider_events`) in the same transaction as its effect, so a replay finds it and
 * changes nothing. A pending payment becomes paid (and what it buys is applied) or failed
 * (a renewal's subscription goes past due); a payment already settled stays as it is.
 */
export async function processProviderEvent(db: Kysely<Database>, provider: string, event: ProviderEvent, now: Date): Promise<WebhookOutcome> {
  return db.transaction().execute(async (trx) => {
    const recorded = await trx
      .insertInto('provider_events')
      .values({ provider, event_id: event.id, type: event.type })
      .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (!recorded) return 'duplicate';
    if (event.kind === 'ignored') return 'ignored';
    const payment = await trx.selectFrom('payments').selectAll().where('id', '=', event.paymentId).where('provider', '=', provider).forUpdate().executeTakeFirst();
    if (!payment || payment.status !== 'pending') return 'ignored';
    if (event.kind === 'payment_succeeded') {
      const paid = await trx.updateTable('payments').set({ status: 'paid', provider_ref: event.providerRef, paid_at: now, updated_at: now }).where('id', '=', payment.id).returningAll().executeTakeFirstOrThrow();
      await applyPaidPayment(trx, paid, now);
      await appendToOutbox(trx, [pendingEvent(PaymentSucceeded, paid.id, paymentEventData(paid))]);
    } else {
      const failed = await trx.updateTable('payments').set({ status: 'failed', provider_ref: event.providerRef, failure_reason: event.reason, updated_at: now }).where('id', '=', payment.id).returningAll().executeTakeFirstOrThrow();
      await applyFailedPayment(trx, failed, now);
      await appendToOutbox(trx, [pendingEvent(PaymentFailed, failed.id, { ...paymentEventData(failed), reason: event.reason })]);
    }
    return 'processed';
  });
}
