import { describe, expect, it } from 'vitest';
import { nextCommissionStatus } from '../../src/domain/commissions.ts';
import { purchaseEnd, purchaseProducts, validQuantity } from '../../src/domain/purchase-catalog.ts';

const start = new Date('2030-03-01T12:00:00Z');

describe('employer purchases', () => {
  it('sell whole units from one to the product’s maximum, never zero, negative or fractional', () => {
    const featured = purchaseProducts.featured_listing;
    expect([1, 12].map((n) => validQuantity(featured, n))).toEqual([true, true]);
    expect([0, -1, 13, 1.5, Number.NaN].map((n) => validQuantity(featured, n))).toEqual([false, false, false, false, false]);
    expect(validQuantity(purchaseProducts.job_post, 20)).toBe(true);
    expect(validQuantity(purchaseProducts.job_post, 21)).toBe(false);
  });

  it('run a week per featured week bought, and 30 days for job posts however many', () => {
    expect(purchaseEnd(purchaseProducts.featured_listing, start, 3).toISOString()).toBe('2030-03-22T12:00:00.000Z');
    expect(purchaseEnd(purchaseProducts.job_post, start, 5).toISOString()).toBe('2030-03-31T12:00:00.000Z');
  });
});

describe('commissions', () => {
  it('only move forward: pending, approved, paid, and nothing after paid', () => {
    expect(nextCommissionStatus('pending')).toBe('approved');
    expect(nextCommissionStatus('approved')).toBe('paid');
    expect(nextCommissionStatus('paid')).toBeNull();
  });
});
