import { badUserInput, isUuid, parsePage, toConnection } from '@jobgraph/kit';
import type { LedgerPageQuery } from '../db/credit-queries.ts';
import type { DbCreditReason } from '../db/types.ts';
import type { CreditBalanceLedgerArgs, CreditBalanceResolvers, CreditLedgerEntryResolvers, CreditReason } from '../generated/resolvers.ts';

/** Whose credits: the owner check happened in `User.credits`. */
export interface CreditBalanceParent {
  readonly userId: string;
}

const toCreditReason = (reason: DbCreditReason): CreditReason => reason.toUpperCase() as CreditReason;

/** `ledger` arguments as a page query; a cursor must be one this API issued (a positive `seq` and a uuid). */
export function ledgerPageQuery(args: CreditBalanceLedgerArgs): LedgerPageQuery {
  const page = parsePage(args);
  if (page.after === null) return { limit: page.limit, afterSeq: null };
  const { key, id } = page.after;
  if (typeof key !== 'number' || !Number.isSafeInteger(key) || key < 1 || !isUuid(id)) {
    throw badUserInput('`after` is not a cursor this API issued.', { argument: 'after' });
  }
  return { limit: page.limit, afterSeq: key };
}

export const CreditBalance: CreditBalanceResolvers = {
  balance: async ({ userId }, _args, { loaders }) => (await loaders.creditBalanceByUserId.load(userId))?.balance_after ?? 0,
  ledger: async ({ userId }, args, { loaders }) => {
    const query = ledgerPageQuery(args);
    const rows = await loaders.creditLedgerPages(query).load(userId);
    const after = query.afterSeq === null ? null : { key: query.afterSeq, id: '' };
    const connection = toConnection(rows, { limit: query.limit, after }, (entry) => ({ key: entry.seq, id: entry.id }));
    return { edges: [...connection.edges], pageInfo: connection.pageInfo };
  },
};

export const CreditLedgerEntry: CreditLedgerEntryResolvers = {
  id: (entry) => entry.id,
  amount: (entry) => entry.amount,
  reason: (entry) => toCreditReason(entry.reason),
  balanceAfter: (entry) => entry.balance_after,
  createdAt: (entry) => entry.created_at,
};
