import { sql, type Kysely } from 'kysely';
import { CreditsExpired, appendToOutbox, pendingEvent } from '@jobgraph/kit';
import type { Database, DbCreditReason } from '../db/types.ts';
import { appendCreditEntry, lockCredits } from './credit-ledger.ts';

/** One ledger entry as the expiry rule reads it, in append order. */
export interface LedgerMovement {
  readonly id: string;
  readonly amount: number;
  readonly reason: DbCreditReason;
  readonly reference: string;
  readonly expiresAt: Date | null;
}

export interface Lapse {
  readonly grantEntryId: string;
  /** What is left of the grant, to take out; 0 when it was all spent. */
  readonly amount: number;
}

/** The reference of the expiry entry of one grant: one expiry per grant, ever. */
export const expiryReference = (grantEntryId: string) => `expiry:${grantEntryId.toLowerCase()}`;

/**
 * Which grants have expired by `now`, and how much of each is left. The ledger is replayed
 * as buckets, one per entry that put credits in; a debit spends the bucket that expires
 * soonest first (credits that never expire last), so a user loses as little as possible;
 * an expiry entry empties its own grant's bucket. The buckets always add up to the balance,
 * so what lapses is never more than the balance.
 */
export function lapsedGrants(movements: readonly LedgerMovement[], now: Date): Lapse[] {
  const buckets: { id: string; expiresAt: Date | null; left: number; order: number }[] = [];
  const expired = new Set<string>();
  movements.forEach((movement, order) => {
    if (movement.amount > 0) {
      buckets.push({ id: movement.id, expiresAt: movement.expiresAt, left: movement.amount, order });
      return;
    }
    if (movement.reason === 'expiry') {
      const grantId = movement.reference.slice('expiry:'.length);
      const bucket = buckets.find((candidate) => candidate.id === grantId);
      if (bucket) bucket.left = Math.max(0, bucket.left + movement.amount);
      expired.add(grantId);
      return;
    }
    let owed = -movement.amount;
    const soonestFirst = buckets
      .filter((bucket) => bucket.left > 0)
      .sort((a, b) => (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity) || a.order - b.order);
    for (const bucket of soonestFirst) {
      if (owed === 0) break;
      const taken = Math.min(bucket.left, owed);
      bucket.left -= taken;
      owed -= taken;
    }
  });
  return buckets
    .filter((bucket) => bucket.expiresAt !== null && bucket.expiresAt.getTime() <= now.getTime() && !expired.has(bucket.id))
    .map((bucket) => ({ grantEntryId: bucket.id, amount: bucket.left }));
}

/**
 * Lapses the user's grants that expired by `now`, under the user's credit lock, in the
 * caller's transaction: an `expiry` entry per grant with credits left (CreditsExpired), and
 * a record for every grant dealt with, spent ones included. Running it twice changes nothing.
 */
export async function expireUserCredits(trx: Kysely<Database>, userId: string, now: Date): Promise<number> {
  const user = userId.toLowerCase();
  await lockCredits(trx, user);
  const rows = await trx.selectFrom('credit_ledger').select(['id', 'amount', 'reason', 'reference', 'expires_at']).where('user_id', '=', user).orderBy('seq').execute();
  const lapses = lapsedGrants(
    rows.map((row) => ({ id: row.id, amount: row.amount, reason: row.reason, reference: row.reference, expiresAt: row.expires_at })),
    now,
  );
  let lapsed = 0;
  for (const lapse of lapses) {
    if (lapse.amount > 0) {
      const outcome = await appendCreditEntry(trx, { userId: user, amount: -lapse.amount, reason: 'expiry', reference: expiryReference(lapse.grantEntryId) });
      if (outcome.kind === 'appended') {
        const { entry } = outcome;
        lapsed += lapse.amount;
        await appendToOutbox(trx, [pendingEvent(CreditsExpired, user, { entryId: entry.id, userId: user, grantEntryId: lapse.grantEntryId, amount: lapse.amount, balance: entry.balance_after })]);
      }
    }
    await trx
      .insertInto('credit_grant_expiries')
      .values({ grant_entry_id: lapse.grantEntryId, user_id: user, lapsed: lapse.amount })
      .onConflict((oc) => oc.column('grant_entry_id').doNothing())
      .execute();
  }
  return lapsed;
}

export interface ExpirySummary {
  /** Users looked at in this batch. */
  readonly users: number;
  /** Credits taken out, all users together. */
  readonly lapsed: number;
}

/**
 * The expiry job's step: up to `limit` users with a grant expired by `now` that the job has
 * not dealt with yet, each in their own transaction. Safe to run on two instances at once.
 */
export async function expireDueCredits(db: Kysely<Database>, now: Date, limit = 200): Promise<ExpirySummary> {
  const due = await db
    .selectFrom('credit_ledger as grant')
    .select('grant.user_id')
    .distinct()
    .where('grant.expires_at', 'is not', null)
    .where('grant.expires_at', '<=', now)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('credit_grant_expiries as done').select(sql`1`.as('one')).whereRef('done.grant_entry_id', '=', 'grant.id'))))
    .limit(limit)
    .execute();
  let lapsed = 0;
  for (const { user_id } of due) lapsed += await db.transaction().execute((trx) => expireUserCredits(trx, user_id, now));
  return { users: due.length, lapsed };
}
