import type { DbPurchaseKind } from '../db/types.ts';

export interface PurchaseProduct {
  readonly kind: DbPurchaseKind;
  readonly name: string;
  /** Price of one unit (one job post, one week featured), in cents of `currency`. */
  readonly unitCents: number;
  readonly currency: string;
  /** How long one purchase lasts (job posts) or one unit runs (featured weeks), in days. */
  readonly days: number;
  /** Most units in one purchase. */
  readonly maxQuantity: number;
}

/** What an employer can buy besides a plan (BI-10). Prices are tax-free, like the plans'. */
export const purchaseProducts: Readonly<Record<DbPurchaseKind, PurchaseProduct>> = {
  job_post: { kind: 'job_post', name: 'Job post (30 days)', unitCents: 4900, currency: 'USD', days: 30, maxQuantity: 20 },
  featured_listing: { kind: 'featured_listing', name: 'Featured listing (1 week)', unitCents: 2900, currency: 'USD', days: 7, maxQuantity: 12 },
};

/** Whether `quantity` units may be bought at once: a whole number from 1 to the product's maximum. */
export function validQuantity(product: PurchaseProduct, quantity: number): boolean {
  return Number.isSafeInteger(quantity) && quantity >= 1 && quantity <= product.maxQuantity;
}

const dayMs = 86_400_000;

/** When a purchase of `units` running from `start` ends. */
export function purchaseEnd(product: PurchaseProduct, start: Date, units: number): Date {
  return new Date(start.getTime() + (product.kind === 'featured_listing' ? units : 1) * product.days * dayMs);
}
