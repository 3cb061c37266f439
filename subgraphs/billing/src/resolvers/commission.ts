import { badUserInput, hasRole, isUser, isUuid, parsePage, toConnection, type Principal } from '@jobgraph/kit';
import type { Context } from '../context.ts';
import type { Commission as CommissionRow, DbCommissionStatus } from '../db/types.ts';
import { commissionTotals, type CommissionTotalRow } from '../domain/commissions.ts';
import type { CommissionResolvers, CommissionStatus } from '../generated/resolvers.ts';

/** A page of commissions and what they add up to, for `recruiterId` or (null) everyone's. */
export interface CommissionConnectionView {
  readonly edges: { readonly cursor: string; readonly node: CommissionRow }[];
  readonly pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  readonly totals: () => Promise<CommissionTotalRow[]>;
}

/** Whether the viewer may see the commission: the recruiter it is owed to, or an admin. */
export const maySeeCommission = (principal: Principal, commission: CommissionRow) =>
  isUser(principal) && (commission.recruiter_id === principal.userId.toLowerCase() || hasRole(principal, 'admin'));

export const Commission: CommissionResolvers = {
  /** Someone else's commission answers as if it did not exist. */
  __resolveReference: async (reference, { principal, loaders }) => {
    const commission = await loaders.commissionById.load(reference.id);
    return commission && maySeeCommission(principal, commission) ? commission : null;
  },
  referralId: (commission) => commission.referral_id,
  applicationId: (commission) => commission.application_id,
  companyId: (commission) => commission.company_id,
  amount: (commission) => ({ amountCents: commission.amount_cents, currency: commission.currency }),
  status: (commission) => commission.status.toUpperCase() as CommissionStatus,
  hiredAt: (commission) => commission.hired_at,
  approvedAt: (commission) => commission.approved_at,
  paidAt: (commission) => commission.paid_at,
  payoutReference: (commission) => commission.payout_reference,
};

export const totalsView = (rows: readonly CommissionTotalRow[]) =>
  rows.map((total) => ({ status: total.status.toUpperCase() as CommissionStatus, total: { amountCents: total.amountCents, currency: total.currency }, count: total.count }));

/** Commissions newest hire first, keyset by (hired_at, id); the recruiter's (checked by the caller) or, for null, everyone's. */
export async function commissionConnection(
  db: Context['db'],
  recruiterId: string | null,
  args: { status?: CommissionStatus | null; first?: number | null; after?: string | null },
): Promise<CommissionConnectionView> {
  const page = parsePage(args);
  if (page.after && (typeof page.after.key !== 'number' || !isUuid(page.after.id))) throw badUserInput('`after` is not a cursor this API issued.', { argument: 'after' });
  const after = page.after;
  const status = args.status ? (args.status.toLowerCase() as DbCommissionStatus) : null;
  const rows = await db
    .selectFrom('commissions')
    .selectAll()
    .$if(recruiterId !== null, (qb) => qb.where('recruiter_id', '=', (recruiterId ?? '').toLowerCase()))
    .$if(status !== null, (qb) => qb.where('status', '=', status ?? 'pending'))
    .$if(after !== null, (qb) =>
      qb.where((eb) => eb.or([eb('hired_at', '<', new Date(Number(after?.key))), eb.and([eb('hired_at', '=', new Date(Number(after?.key))), eb('id', '<', after?.id ?? '')])])),
    )
    .orderBy('hired_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const connection = toConnection(rows, page, (row) => ({ key: row.hired_at.getTime(), id: row.id }));
  return {
    edges: [...connection.edges],
    pageInfo: connection.pageInfo,
    totals: () => commissionTotals(db, recruiterId, status),
  };
}
