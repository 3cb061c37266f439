import type { Kysely } from 'kysely';
import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { Database, Payment } from '../db/types.ts';
import { collectPayment } from './payments/collect-payment.ts';
import type { PaymentProvider } from './payments/provider.ts';

export interface CreditPackPurchase {
  readonly userId: string;
  readonly packCode: string;
  readonly currency: string | null;
  readonly paymentMethod: string;
  readonly idempotencyKey: string;
}

/** Buys a credit pack: charged once per idempotency key, credited (PURCHASE) when paid. */
export async function buyCreditPack(db: Kysely<Database>, provider: PaymentProvider, request: CreditPackPurchase, now: Date): Promise<Outcome<Payment>> {
  const pack = await db.selectFrom('credit_packs').selectAll().where('code', '=', request.packCode.trim().toLowerCase()).where('active', '=', true).executeTakeFirst();
  if (!pack) return fail(userError('PACK_NOT_FOUND', 'No credit pack on sale has this code.', ['input', 'packCode']));
  if (request.currency !== null && request.currency !== pack.currency) return fail(userError('CURRENCY_MISMATCH', `This pack is sold in ${pack.currency}.`, ['input', 'currency']));
  const collected = await collectPayment(
    db,
    provider,
    {
      payerId: request.userId,
      companyId: null,
      kind: 'credit_pack',
      amountCents: pack.price_cents,
      currency: pack.currency,
      description: `Jobgraph ${pack.name}`,
      purpose: { kind: 'credit_pack', packId: pack.id },
      paymentMethod: request.paymentMethod,
      idempotencyKey: request.idempotencyKey,
    },
    now,
  );
  if (!collected.ok) return collected;
  const { payment } = collected.value;
  if (payment.status === 'failed') return fail(userError('PAYMENT_FAILED', payment.failure_reason ?? 'The payment failed.', ['input', 'paymentMethod']));
  return succeed(payment);
}
