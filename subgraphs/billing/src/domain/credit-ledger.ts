import { sql, type Kysely } from 'kysely';
import type { CreditLedgerEntry, Database, DbCreditReason } from '../db/types.ts';

/** First key of billing's per-user credit lock; the second is the user id's hash. */
const creditLockClass = 0x62_63_72; // "bcr": billing credits

export interface CreditEntryRequest {
  readonly userId: string;
  /** Positive grants, negative debits. */
  readonly amount: number;
  readonly reason: DbCreditReason;
  /** Unique per reason: asking twice for the same reason and reference appends once. */
  readonly reference: string;
  /** When credits coming in lapse; none for never. */
  readonly expiresAt?: Date | null;
}

export type CreditEntryOutcome =
  | { readonly kind: 'appended'; readonly entry: CreditLedgerEntry }
  /** An entry for this reason and reference exists already; nothing changed. */
  | { readonly kind: 'duplicate'; readonly entry: CreditLedgerEntry }
  /** A debit larger than the balance; nothing changed. */
  | { readonly kind: 'insufficient'; readonly balance: number };

/**
 * Serializes every credit change of one user until the caller's transaction ends, so
 * each entry's `balance_after` is computed from the one before it. Transaction-scoped:
 * it goes with the commit or rollback, never leaks.
 */
export async function lockCredits(trx: Kysely<Database>, userId: string): Promise<void> {
  // Outside a transaction the lock would end with its own statement and guard nothing.
  if (!trx.isTransaction) throw new Error('lockCredits needs a transaction');
  await sql`select pg_advisory_xact_lock(${creditLockClass}::int, hashtext(${userId.toLowerCase()}))`.execute(trx);
}

/** The balance after the user's latest entry; 0 for a user without any. */
export async function creditBalance(trx: Kysely<Database>, userId: string): Promise<number> {
  const latest = await trx.selectFrom('credit_ledger').select('balance_after').where('user_id', '=', userId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return latest?.balance_after ?? 0;
}

/**
 * Appends one grant or debit inside the caller's transaction (pass a transaction: the
 * lock lasts until it ends). Idempotent per reason and reference; a debit never takes
 * the balance below zero (and the table's CHECK would refuse it if it tried).
 */
export async function appendCreditEntry(trx: Kysely<Database>, request: CreditEntryRequest): Promise<CreditEntryOutcome> {
  if (!Number.isSafeInteger(request.amount) || request.amount === 0) throw new Error(`credit entry amount must be a non-zero integer, not ${request.amount}`);
  const userId = request.userId.toLowerCase();
  await lockCredits(trx, userId);
  const existing = await trx.selectFrom('credit_ledger').selectAll().where('reason', '=', request.reason).where('reference', '=', request.reference).executeTakeFirst();
  if (existing) return { kind: 'duplicate', entry: existing };
  const balance = await creditBalance(trx, userId);
  const balanceAfter = balance + request.amount;
  if (balanceAfter < 0) return { kind: 'insufficient', balance };
  const entry = await trx
    .insertInto('credit_ledger')
    .values({ user_id: userId, amount: request.amount, reason: request.reason, reference: request.reference, balance_after: balanceAfter, expires_at: request.expiresAt ?? null })
    // Belt and braces: the unique key, not only the read above, keeps an entry from being made twice.
    .onConflict((oc) => oc.columns(['reason', 'reference']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (entry) return { kind: 'appended', entry };
  const winner = await trx.selectFrom('credit_ledger').selectAll().where('reason', '=', request.reason).where('reference', '=', request.reference).executeTakeFirstOrThrow();
  return { kind: 'duplicate', entry: winner };
}
