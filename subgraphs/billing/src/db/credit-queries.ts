import type { Kysely } from 'kysely';
import type { CreditLedgerEntry, Database } from './types.ts';

export interface UserBalance {
  readonly user_id: string;
  readonly balance_after: number;
}

/**
 * Each user's balance: the `balance_after` of their latest entry. Users without
 * entries have no row. One statement for any number of users.
 *
 * ```sql
 * select distinct on (user_id) user_id, balance_after from credit_ledger
 * where user_id in ($1, $2) order by user_id, seq desc
 * ```
 */
export function selectBalances(db: Kysely<Database>, userIds: readonly string[]): Promise<UserBalance[]> {
  return db
    .selectFrom('credit_ledger')
    .distinctOn('user_id')
    .select(['user_id', 'balance_after'])
    .where('user_id', 'in', userIds)
    .orderBy('user_id')
    .orderBy('seq', 'desc')
    .execute();
}

export interface LedgerPageQuery {
  /** Rows per user; one more is fetched to tell whether a next page exists. */
  readonly limit: number;
  /** The `seq` of the last entry of the previous page; newer entries have higher ones. */
  readonly afterSeq: number | null;
}

/**
 * The same page of many users' ledgers in one statement, newest first: each user's
 * entries numbered by `row_number()` and cut at `limit + 1`, grouped by user.
 *
 * ```sql
 * select * from (
 *   select credit_ledger.*, row_number() over (partition by user_id order by seq desc) as rank
 *   from credit_ledger where user_id in ($1, $2) and seq < $3
 * ) as ranked where rank <= $4 order by user_id, rank
 * ```
 */
export async function selectLedgerPages(db: Kysely<Database>, userIds: readonly string[], query: LedgerPageQuery): Promise<CreditLedgerEntry[]> {
  if (userIds.length === 0) return [];
  const ranked = db
    .selectFrom('credit_ledger')
    .selectAll()
    .select((eb) => eb.fn.agg<number>('row_number').over((ob) => ob.partitionBy('user_id').orderBy('seq', 'desc')).as('rank'))
    .where('user_id', 'in', userIds)
    .$if(query.afterSeq !== null, (qb) => qb.where('seq', '<', query.afterSeq ?? 0));
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .selectAll()
    .where('rank', '<=', query.limit + 1)
    .orderBy('user_id')
    .orderBy('rank')
    .execute();
  return rows.map(({ rank: _rank, ...row }) => row);
}
