import type { Kysely } from 'kysely';
import type { ReferralHiredData } from '@jobgraph/kit';
import type { Database } from '../db/types.ts';

/** Records the commission a hired referral owes, once per referral id (a redelivery changes nothing). */
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
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export interface CommissionTotalRow {
  readonly status: 'pending' | 'approved' | 'paid';
  readonly currency: string;
  readonly amountCents: number;
  readonly count: number;
}

/** A recruiter's commissions summed per status and currency. */
export async function commissionTotals(db: Kysely<Database>, recruiterId: string): Promise<CommissionTotalRow[]> {
  const rows = await db
    .selectFrom('commissions')
    .select((eb) => ['status', 'currency', eb.fn.sum<number>('amount_cents').as('amount'), eb.fn.countAll<number>().as('count')])
    .where('recruiter_id', '=', recruiterId.toLowerCase())
    .groupBy(['status', 'currency'])
    .orderBy('status')
    .orderBy('currency')
    .execute();
  return rows.map((row) => ({ status: row.status, currency: row.currency, amountCents: Number(row.amount), count: Number(row.count) }));
}
