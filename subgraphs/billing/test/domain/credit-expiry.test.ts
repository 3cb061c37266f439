import { describe, expect, it } from 'vitest';
import { expiryReference, lapsedGrants, type LedgerMovement } from '../../src/domain/credit-expiry.ts';

const jan31 = new Date('2030-01-31T00:00:00Z');
const feb28 = new Date('2030-02-28T00:00:00Z');
const grant = (id: string, amount: number, expiresAt: Date | null): LedgerMovement => ({ id, amount, reason: expiresAt ? 'plan_grant' : 'purchase', reference: id, expiresAt });
const debit = (amount: number): LedgerMovement => ({ id: crypto.randomUUID(), amount: -amount, reason: 'ai_generation', reference: crypto.randomUUID(), expiresAt: null });

describe('credits that lapse', () => {
  it('lapse what is left of a grant once its expiry has passed, and nothing before', () => {
    const ledger = [grant('jan', 100, jan31), debit(30)];
    expect(lapsedGrants(ledger, new Date('2030-01-30T23:59:59Z'))).toEqual([]);
    expect(lapsedGrants(ledger, jan31)).toEqual([{ grantEntryId: 'jan', amount: 70 }]);
  });

  it('are spent first: a debit takes from the grant that expires soonest, bought credits last', () => {
    const ledger = [grant('pack', 200, null), grant('feb', 100, feb28), grant('jan', 100, jan31), debit(150)];
    // 100 from January's grant, 50 from February's, none from the pack.
    expect(lapsedGrants(ledger, jan31)).toEqual([{ grantEntryId: 'jan', amount: 0 }]);
    expect(lapsedGrants(ledger, feb28)).toEqual([
      { grantEntryId: 'feb', amount: 50 },
      { grantEntryId: 'jan', amount: 0 },
    ]);
  });

  it('cannot touch credits spent before the grant existed, and never lapse more than the balance', () => {
    const ledger = [grant('pack', 200, null), debit(150), grant('jan', 100, jan31)];
    const lapses = lapsedGrants(ledger, jan31);
    expect(lapses).toEqual([{ grantEntryId: 'jan', amount: 100 }]);
    const balance = ledger.reduce((sum, movement) => sum + movement.amount, 0);
    expect(lapses.reduce((sum, lapse) => sum + lapse.amount, 0)).toBeLessThanOrEqual(balance);
  });

  it('lapse a grant once: its expiry entry empties it', () => {
    const ledger: LedgerMovement[] = [grant('jan', 100, jan31), debit(30), { id: 'x', amount: -70, reason: 'expiry', reference: expiryReference('jan'), expiresAt: null }];
    expect(lapsedGrants(ledger, feb28)).toEqual([]);
  });
});
