import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { PaymentFailed, PaymentSucceeded, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { Database, DbPaymentKind, Payment, PaymentPurpose } from '../../db/types.ts';
import { paymentEventData } from './payment-events.ts';
import type { PaymentProvider } from './provider.ts';
import { applyFailedPayment, applyPaidPayment } from './settle-payment.ts';

export interface PaymentRequest {
  readonly payerId: string;
  readonly companyId: string | null;
  readonly kind: DbPaymentKind;
  readonly amountCents: number;
  readonly currency: string;
  readonly description: string;
  readonly purpose: PaymentPurpose;
  readonly paymentMethod: string;
  /** The payer's key: the same key twice is the same payment, charged once. */
  readonly idempotencyKey: string;
}

export interface CollectedPayment {
  readonly payment: Payment;
  /** True when the key had been used before: this is the first request's answer. */
  readonly replayed: boolean;
}

const requestHash = (request: PaymentRequest) =>
  createHash('sha256')
    .update(JSON.stringify([request.kind, request.amountCents, request.currency, request.companyId, request.purpose]))
    .digest('hex');

/**
 * Records and charges one payment, once per (payer, idempotency key). The pending row is
 * inserted first: a second request with the same key, even at the same instant, waits on
 * the unique key until the first commits, then answers the first's result without a
 * second charge. A key reused for another request is refused. When the provider collects
 * at once, what the payment buys is applied in the same transaction; a failure is
 * recorded and published (PaymentFailed).
 */
export async function collectPayment(db: Kysely<Database>, provider: PaymentProvider, request: PaymentRequest, now: Date): Promise<Outcome<CollectedPayment>> {
  if (!Number.isSafeInteger(request.amountCents) || request.amountCents <= 0) return fail(userError('INVALID_AMOUNT', 'The amount must be a positive number of cents.'));
  const hash = requestHash(request);
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('payments')
      .values({
        user_id: request.payerId.toLowerCase(),
        company_id: request.companyId,
        kind: request.kind,
        amount_cents: request.amountCents,
        currency: request.currency,
        status: 'pending',
        provider: provider.name,
        idempotency_key: request.idempotencyKey,
        request_hash: hash,
        purpose: JSON.stringify(request.purpose),
      })
      .onConflict((oc) => oc.columns(['user_id', 'idempotency_key']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) {
      const first = await trx.selectFrom('payments').selectAll().where('user_id', '=', request.payerId.toLowerCase()).where('idempotency_key', '=', request.idempotencyKey).executeTakeFirstOrThrow();
      if (first.request_hash !== hash) return fail(userError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used for another request.', ['input', 'idempotencyKey']));
      return succeed({ payment: first, replayed: true });
    }
    const result = await provider.charge({
      paymentId: inserted.id,
      amountCents: request.amountCents,
      currency: request.currency,
      payerId: request.payerId,
      description: request.description,
      paymentMethod: request.paymentMethod,
      idempotencyKey: `${request.payerId.toLowerCase()}:${request.idempotencyKey}`,
    });
    if (result.status === 'paid') {
      const paid = await trx.updateTable('payments').set({ status: 'paid', provider_ref: result.providerRef, paid_at: now, updated_at: now }).where('id', '=', inserted.id).returningAll().executeTakeFirstOrThrow();
      await applyPaidPayment(trx, paid, now);
      await appendToOutbox(trx, [pendingEvent(PaymentSucceeded, paid.id, paymentEventData(paid))]);
      return succeed({ payment: paid, replayed: false });
    }
    if (result.status === 'failed') {
      const failed = await trx.updateTable('payments').set({ status: 'failed', provider_ref: result.providerRef, failure_reason: result.reason, updated_at: now }).where('id', '=', inserted.id).returningAll().executeTakeFirstOrThrow();
      await applyFailedPayment(trx, failed, now);
      await appendToOutbox(trx, [pendingEvent(PaymentFailed, failed.id, { ...paymentEventData(failed), reason: result.reason })]);
      return succeed({ payment: failed, replayed: false });
    }
    const pending = await trx.updateTable('payments').set({ provider_ref: result.providerRef, updated_at: now }).where('id', '=', inserted.id).returningAll().executeTakeFirstOrThrow();
    return succeed({ payment: pending, replayed: false });
  });
}
