import type { Kysely } from 'kysely';
import { FeaturedListingPurchased, JobPostsPurchased, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome, type PendingEvent } from '@jobgraph/kit';
import type { Database, Payment, PaymentPurpose, Purchase } from '../db/types.ts';
import { canManageCompanyBilling } from './company-access.ts';
import { isOpenListingOf } from './company-listings.ts';
import { entitlementsChanged } from './entitlements.ts';
import type { InvoiceDraft } from './invoices.ts';
import { collectPayment } from './payments/collect-payment.ts';
import type { PaymentProvider } from './payments/provider.ts';
import { purchaseEnd, purchaseProducts, validQuantity } from './purchase-catalog.ts';
import { lockLiveSubscription } from './subscription-lifecycle.ts';

export interface PurchaseRequest {
  readonly userId: string;
  readonly companyId: string;
  /** Job posts bought, or weeks a listing is featured. */
  readonly quantity: number;
  /** For a featured listing: catalog's listing id. */
  readonly jobListingId: string | null;
  readonly currency: string | null;
  readonly paymentMethod: string;
  readonly idempotencyKey: string;
}

export interface PurchaseResult {
  readonly payment: Payment;
  /** Null while the payment is pending. */
  readonly purchase: Purchase | null;
}

/**
 * An employer's purchase besides a plan (BI-10): `job_post` buys open listings beyond the
 * plan's for 30 days (the company needs a live plan they add to); `featured_listing` features
 * one of the company's open listings for some weeks. Only the company's owners and admins may
 * buy; another company is NOT_FOUND. Charged once per idempotency key; what it buys applies
 * when the payment is paid (`applyPurchase`).
 */
export async function buyPurchase(db: Kysely<Database>, provider: PaymentProvider, kind: Purchase['kind'], request: PurchaseRequest, now: Date): Promise<Outcome<PurchaseResult>> {
  const product = purchaseProducts[kind];
  const companyId = request.companyId.toLowerCase();
  if (!(await canManageCompanyBilling(db, request.userId, companyId))) return fail(userError('NOT_FOUND', 'No company you manage has this id.', ['input', 'companyId']));
  const field = kind === 'job_post' ? 'quantity' : 'weeks';
  if (!validQuantity(product, request.quantity)) return fail(userError('INVALID_QUANTITY', `Buy from 1 to ${product.maxQuantity} at once.`, ['input', field]));
  if (request.currency !== null && request.currency !== product.currency) return fail(userError('CURRENCY_MISMATCH', `This is sold in ${product.currency}.`, ['input', 'currency']));
  const listingId = request.jobListingId?.toLowerCase() ?? null;
  let purpose: PaymentPurpose;
  if (kind === 'job_post') {
    const live = await db.transaction().execute((trx) => lockLiveSubscription(trx, { userId: request.userId, companyId }));
    if (!live) return fail(userError('NO_COMPANY_PLAN', 'Job posts add to a company plan: subscribe the company to one first.', ['input', 'companyId']));
    purpose = { kind, companyId, quantity: request.quantity };
  } else {
    if (listingId === null || !(await isOpenListingOf(db, companyId, listingId))) return fail(userError('NOT_FOUND', 'No open listing of this company has this id.', ['input', 'jobListingId']));
    purpose = { kind, companyId, jobListingId: listingId, weeks: request.quantity };
  }
  const collected = await collectPayment(
    db,
    provider,
    {
      payerId: request.userId,
      companyId,
      kind,
      amountCents: product.unitCents * request.quantity,
      currency: product.currency,
      description: `Jobgraph ${product.name} × ${request.quantity}`,
      purpose,
      paymentMethod: request.paymentMethod,
      idempotencyKey: request.idempotencyKey,
    },
    now,
  );
  if (!collected.ok) return collected;
  const { payment } = collected.value;
  if (payment.status === 'failed') return fail(userError('PAYMENT_FAILED', payment.failure_reason ?? 'The payment failed.', ['input', 'paymentMethod']));
  const purchase = (await db.selectFrom('purchases').selectAll().where('payment_id', '=', payment.id).executeTakeFirst()) ?? null;
  return succeed({ payment, purchase });
}

/**
 * What a paid purchase payment buys, in the paying transaction: the purchase row, its
 * event (JobPostsPurchased and the company's raised EntitlementsChanged, or
 * FeaturedListingPurchased for catalog), and the invoice's line (units × unit price).
 */
export async function applyPurchase(trx: Kysely<Database>, payment: Payment, now: Date): Promise<InvoiceDraft> {
  const purpose = payment.purpose;
  if (purpose.kind !== 'job_post' && purpose.kind !== 'featured_listing') throw new Error(`payment ${payment.id} is not a purchase`);
  const product = purchaseProducts[purpose.kind];
  const units = purpose.kind === 'job_post' ? purpose.quantity : purpose.weeks;
  const events: PendingEvent[] = [];
  let start = now;
  if (purpose.kind === 'featured_listing') {
    // Another week bought while one runs starts when it ends: weeks add up, never overlap.
    const running = await trx.selectFrom('purchases').select((eb) => eb.fn.max('ends_at').as('until')).where('job_listing_id', '=', purpose.jobListingId).where('kind', '=', 'featured_listing').executeTakeFirst();
    if (running?.until && new Date(running.until).getTime() > now.getTime()) start = new Date(running.until);
  }
  const purchase = await trx
    .insertInto('purchases')
    .values({
      payment_id: payment.id,
      company_id: purpose.companyId,
      user_id: payment.user_id,
      kind: purpose.kind,
      job_listing_id: purpose.kind === 'featured_listing' ? purpose.jobListingId : null,
      quantity: units,
      amount_cents: payment.amount_cents,
      currency: payment.currency,
      starts_at: start,
      ends_at: purchaseEnd(product, start, units),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const money = { amountCents: purchase.amount_cents, currency: purchase.currency };
  if (purchase.kind === 'featured_listing' && purchase.job_listing_id) {
    events.push(pendingEvent(FeaturedListingPurchased, purchase.id, { purchaseId: purchase.id, companyId: purchase.company_id, jobListingId: purchase.job_listing_id, featuredUntil: purchase.ends_at.toISOString(), ...money }));
  } else {
    events.push(pendingEvent(JobPostsPurchased, purchase.id, { purchaseId: purchase.id, paymentId: payment.id, companyId: purchase.company_id, quantity: purchase.quantity, validUntil: purchase.ends_at.toISOString(), ...money }));
    const live = await lockLiveSubscription(trx, { userId: payment.user_id, companyId: purchase.company_id });
    if (live) events.push(await entitlementsChanged(trx, live, now));
  }
  await appendToOutbox(trx, events);
  return { periodStart: purchase.starts_at, periodEnd: purchase.ends_at, lines: [{ description: product.name, quantity: units, unitAmountCents: product.unitCents, credits: null }] };
}

/**
 * The expiry job's step for job posts: purchases that ended by `now` and were not announced
 * yet are marked, and each company's EntitlementsChanged goes out without them. Concurrent
 * runs skip each other's rows.
 */
export async function lapseJobPosts(db: Kysely<Database>, now: Date, limit = 200): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .selectFrom('purchases')
      .select(['id', 'company_id', 'user_id'])
      .where('kind', '=', 'job_post')
      .where('lapsed_at', 'is', null)
      .where('ends_at', '<=', now)
      .orderBy('ends_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (ended.length === 0) return 0;
    await trx.updateTable('purchases').set({ lapsed_at: now, updated_at: now }).where('id', 'in', ended.map((row) => row.id)).execute();
    const companies = new Map(ended.map((row) => [row.company_id, row.user_id]));
    for (const [companyId, userId] of companies) {
      const live = await lockLiveSubscription(trx, { userId, companyId });
      if (live) await appendToOutbox(trx, [await entitlementsChanged(trx, live, now)]);
    }
    return ended.length;
  });
}
