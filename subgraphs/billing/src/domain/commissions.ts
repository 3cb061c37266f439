import type { Kysely } from 'kysely';
import { CommissionApproved, CommissionPaid, CommissionRecorded, appendToOutbox, fail, pendingEvent, succeed, userError, type CommissionData, type Outcome, type ReferralHiredData } from '@jobgraph/kit';
import type { Commission, Database, DbCommissionStatus } from '../db/types.ts';

const eventData = (commission: Commission, actorId: string | null): CommissionData => ({
  commissionId: commission.id,
  referralId: commission.referral_id,
  recruiterId: commission.recruiter_id,
  companyId: commission.company_id,
  amountCents: commission.amount_cents,
  currency: commission.currency,
  status: commission.status,
  actorId,
});

/** Records the commission a hired referral owes (PENDING, CommissionRecorded), once per referral id (a redelivery changes nothing). */
export async function recordCommission(trx: Kysely<Database>, referral: ReferralHiredData): Promise<boolean> {
  if (!Number.isSafeInteger(referral.commissionCents) || referral.commissionCents <= 0) return false;
  const inserted = await trx
    .insertInto('commissions')
    .values({
      referral_id: referral.referralId.toLowerCase(),
      application_id: referral.applicationId.toLowerCase(),
      recruiter_id: referral.recruiterId.toLowerCase(),
      company_id: referral.companyId.toLowerCase(),
      amount_cents: referral.commissionCents,
      currency: referral.currency,
      hired_at: new Date(referral.hiredAt),
    })
    .onConflict((oc) => oc.column('referral_id').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) await appendToOutbox(trx, [pendingEvent(CommissionRecorded, inserted.id, eventData(inserted, null))]);
  return inserted !== undefined;
}

/** The next status a commission may move to: PENDING → APPROVED → PAID, never back. */
export function nextCommissionStatus(status: DbCommissionStatus): DbCommissionStatus | null {
  return status === 'pending' ? 'approved' : status === 'approved' ? 'paid' : null;
}

const notFound = () => fail(userError('NOT_FOUND', 'No commission has this id.', ['input', 'commissionId']));

/** An admin approves a pending commission for payout (CommissionApproved). Approving an approved one again answers it unchanged. */
export async function approveCommission(db: Kysely<Database>, adminId: string, commissionId: string, now: Date): Promise<Outcome<Commission>> {
  return db.transaction().execute(async (trx) => {
    const commission = await trx.selectFrom('commissions').selectAll().where('id', '=', commissionId.toLowerCase()).forUpdate().executeTakeFirst();
    if (!commission) return notFound();
    if (commission.status === 'approved') return succeed(commission);
    if (nextCommissionStatus(commission.status) !== 'approved') return fail(userError('INVALID_TRANSITION', 'Only a pending commission can be approved.', ['input', 'commissionId']));
    const approved = await trx
      .updateTable('commissions')
      .set({ status: 'approved', approved_at: now, approved_by: adminId.toLowerCase(), updated_at: now })
      .where('id', '=', commission.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToOutbox(trx, [pendingEvent(CommissionApproved, approved.id, eventData(approved, adminId.toLowerCase()))]);
    return succeed(approved);
  });
}

export interface PayoutRequest {
  readonly adminId: string;
  readonly commissionId: string;
  /** The payout's reference at the bank or payout provider (a transfer id); never account numbers. */
  readonly payoutReference: string;
  readonly idempotencyKey: string;
}

/**
 * An admin records the payout of an approved commission (CommissionPaid). The same
 * idempotency key again answers the paid commission; another key for a paid one is
 * ALREADY_PAID, so a payout is never recorded twice.
 */
export async function payCommission(db: Kysely<Database>, request: PayoutRequest, now: Date): Promise<Outcome<Commission>> {
  return db.transaction().execute(async (trx) => {
    const commission = await trx.selectFrom('commissions').selectAll().where('id', '=', request.commissionId.toLowerCase()).forUpdate().executeTakeFirst();
    if (!commission) return notFound();
    if (commission.status === 'paid') {
      return commission.payout_key === request.idempotencyKey ? succeed(commission) : fail(userError('ALREADY_PAID', 'This commission was paid already.', ['input', 'commissionId']));
    }
    if (nextCommissionStatus(commission.status) !== 'paid') return fail(userError('INVALID_TRANSITION', 'A commission is approved before it is paid.', ['input', 'commissionId']));
    const paid = await trx
      .updateTable('commissions')
      .set({ status: 'paid', paid_at: now, paid_by: request.adminId.toLowerCase(), payout_reference: request.payoutReference, payout_key: request.idempotencyKey, updated_at: now })
      .where('id', '=', commission.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToOutbox(trx, [pendingEvent(CommissionPaid, paid.id, eventData(paid, request.adminId.toLowerCase()))]);
    return succeed(paid);
  });
}

export interface CommissionTotalRow {
  readonly status: DbCommissionStatus;
  readonly currency: string;
  readonly amountCents: number;
  readonly count: number;
}

/** A recruiter's commissions (or, for null, everyone's), optionally of one status, summed per status and currency. */
export async function commissionTotals(db: Kysely<Database>, recruiterId: string | null, status: DbCommissionStatus | null = null): Promise<CommissionTotalRow[]> {
  const rows = await db
    .selectFrom('commissions')
    .select((eb) => ['status', 'currency', eb.fn.sum<number>('amount_cents').as('amount'), eb.fn.countAll<number>().as('count')])
    .$if(recruiterId !== null, (qb) => qb.where('recruiter_id', '=', (recruiterId ?? '').toLowerCase()))
    .$if(status !== null, (qb) => qb.where('status', '=', status ?? 'pending'))
    .groupBy(['status', 'currency'])
    .orderBy('status')
    .orderBy('currency')
    .execute();
  return rows.map((row) => ({ status: row.status, currency: row.currency, amountCents: Number(row.amount), count: Number(row.count) }));
}
