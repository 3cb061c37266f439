import type { Kysely } from 'kysely';
import { CreditsExhausted, CreditsLow, appendToOutbox, pendingEvent, type AssistantUsageRecordedData, type PendingEvent } from '@jobgraph/kit';
import type { Database } from '../db/types.ts';
import { appendCreditEntry } from './credit-ledger.ts';

/** A balance at or below this (and above zero) is low: CreditsLow when a debit crosses it. */
export const lowCreditThreshold = 10;

export type UsageDebitOutcome = 'debited' | 'duplicate' | 'insufficient' | 'invalid';

/** The ledger reference of a usage event: one debit per usage id. */
export const usageReference = (usageId: string) => `usage:${usageId.toLowerCase()}`;

/**
 * Debits one assistant usage event, once per usage id, in the caller's transaction.
 * Never below zero: a usage the balance cannot cover is refused (nothing written) and
 * CreditsExhausted says so. Crossing the low threshold publishes CreditsLow; reaching
 * zero publishes CreditsExhausted.
 */
export async function debitUsage(trx: Kysely<Database>, usage: AssistantUsageRecordedData): Promise<UsageDebitOutcome> {
  if (!Number.isSafeInteger(usage.credits) || usage.credits <= 0) return 'invalid';
  const outcome = await appendCreditEntry(trx, { userId: usage.userId, amount: -usage.credits, reason: 'ai_generation', reference: usageReference(usage.usageId) });
  const userId = usage.userId.toLowerCase();
  const events: PendingEvent[] = [];
  if (outcome.kind === 'insufficient') {
    events.push(pendingEvent(CreditsExhausted, userId, { userId, usageId: usage.usageId.toLowerCase() }));
  } else if (outcome.kind === 'appended') {
    const after = outcome.entry.balance_after;
    const before = after - outcome.entry.amount;
    if (after === 0) events.push(pendingEvent(CreditsExhausted, userId, { userId, usageId: usage.usageId.toLowerCase() }));
    else if (after <= lowCreditThreshold && before > lowCreditThreshold) events.push(pendingEvent(CreditsLow, userId, { userId, balance: after, threshold: lowCreditThreshold }));
  }
  await appendToOutbox(trx, events);
  return outcome.kind === 'appended' ? 'debited' : outcome.kind;
}
