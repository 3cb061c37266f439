import { sql, type Kysely } from 'kysely';
import type { CreditLedgerEntry, Database, DbCreditReason } from '../db/types.ts';

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
 * Locks the user's balance row until the caller's transaction ends (creating it at 0 for a
 * user without one), so no credit change of theirs slips in meanwhile: for work that reads
 * the whole ledger first (expiry) or removes it (erasure).
 */
export async function lockCredits(trx: Kysely<Database>, userId: string): Promise<void> {
  // Outside a transaction the lock would end with its own statement and guard nothing.
  if (!trx.isTransaction) throw new Error('lockCredits needs a transaction');
  await trx
    .insertInto('credit_balances')
    .values({ user_id: userId.toLowerCase(), balance: 0 })
    .onConflict((oc) => oc.column('user_id').doUpdateSet((eb) => ({ balance: eb.ref('credit_balances.balance') })))
    .execute();
}

/** The balance after the user's latest entry; 0 for a user without any. */
export async function creditBalance(trx: Kysely<Database>, userId: string): Promise<number> {
  const latest = await trx.selectFrom('credit_balances').select('balance').where('user_id', '=', userId.toLowerCase()).executeTakeFirst();
  return latest?.balance ?? 0;
}

const findEntry = (trx: Kysely<Database>, reason: DbCreditReason, reference: string) =>
  trx.selectFrom('credit_ledger').selectAll().where('reason', '=', reason).where('reference', '=', reference).executeTakeFirst();

interface MoveRow extends Partial<CreditLedgerEntry> {
  readonly moved: number;
}

/**
 * Appends one grant or debit inside the caller's transaction (pass a transaction: the
 * balance row stays locked until it ends). Idempotent per reason and reference; a debit
 * never takes the balance below zero.
 *
 * The hot path is ONE statement: it moves the user's balance row (an UPDATE that only
 * matches while the balance covers a debit; an upsert for a grant) and appends the ledger
 * entry with the new balance. The row lock the UPDATE takes serializes one user's changes
 * for as long as the transaction lasts, and Postgres re-reads the row's newest version
 * after waiting for it, so every `balance_after` follows from the one before. The
 * balance row's and the ledger's CHECKs (`>= 0`) refuse a negative balance whatever a
 * writer does. A duplicate seen before the statement costs nothing; one that races in
 * (the same reference appended by another transaction at the same instant) finds the
 * ledger's unique key, and the balance move is taken back in the same transaction.
 */
export async function appendCreditEntry(trx: Kysely<Database>, request: CreditEntryRequest): Promise<CreditEntryOutcome> {
  if (!Number.isSafeInteger(request.amount) || request.amount === 0) throw new Error(`credit entry amount must be a non-zero integer, not ${request.amount}`);
  if (!trx.isTransaction) throw new Error('appendCreditEntry needs a transaction');
  const userId = request.userId.toLowerCase();
  const existing = await findEntry(trx, request.reason, request.reference);
  if (existing) return { kind: 'duplicate', entry: existing };
  const amount = request.amount;
  const move =
    amount < 0
      ? sql`update credit_balances set balance = balance + ${amount}, updated_at = now() where user_id = ${userId} and balance + ${amount} >= 0 returning balance`
      : sql`insert into credit_balances (user_id, balance) values (${userId}, ${amount})
            on conflict (user_id) do update set balance = credit_balances.balance + excluded.balance, updated_at = now() returning balance`;
  const result = await sql<MoveRow>`
    with moved as (${move}),
    appended as (
      insert into credit_ledger (user_id, amount, reason, reference, balance_after, expires_at)
      select ${userId}, ${amount}, ${request.reason}, ${request.reference}, moved.balance, ${request.expiresAt ?? null}::timestamptz from moved
      on conflict (reason, reference) do nothing
      returning *
    )
    select (select count(*)::int from moved) as moved, appended.* from (select 1) as one left join appended on true
  `.execute(trx);
  const row = result.rows[0];
  if (row && row.id !== undefined && row.id !== null) {
    const { moved: _moved, ...entry } = row;
    return { kind: 'appended', entry: entry as CreditLedgerEntry };
  }
  if (!row || row.moved === 0) return { kind: 'insufficient', balance: await creditBalance(trx, userId) };
  // Raced by the same reference: take the move back; the other transaction's entry stands.
  await sql`update credit_balances set balance = balance - ${amount}, updated_at = now() where user_id = ${userId}`.execute(trx);
  const winner = await findEntry(trx, request.reason, request.reference);
  if (!winner) throw new Error(`credit entry ${request.reason}:${request.reference} conflicted but cannot be found`);
  return { kind: 'duplicate', entry: winner };
}
