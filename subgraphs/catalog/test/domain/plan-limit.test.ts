import { describe, expect, it } from 'vitest';
import { listingSlug } from '../../src/domain/listing-slug.ts';
import { freeEmployerActiveListings, mayOpenAnother } from '../../src/domain/plan-limit.ts';

describe('plan limit', () => {
  it('lets a company open listings up to its allowance, and without end when unlimited', () => {
    expect(mayOpenAnother(0, 1)).toBe(true);
    expect(mayOpenAnother(1, 1)).toBe(false);
    expect(mayOpenAnother(0, 0)).toBe(false);
    expect(mayOpenAnother(10_000, null)).toBe(true);
    expect(mayOpenAnother(freeEmployerActiveListings - 1, freeEmployerActiveListings)).toBe(true);
    expect(mayOpenAnother(freeEmployerActiveListings, freeEmployerActiveListings)).toBe(false);
  });
});

describe('listing slug', () => {
  it('is the title in words and the id prefix', () => {
    expect(listingSlug('Senior Backend Engineer (Go/K8s)', '1A2B3C4D-0000-4000-8000-000000000000')).toBe('senior-backend-engineer-go-k8s-1a2b3c4d');
    expect(listingSlug('数据工程师', '1a2b3c4d-0000-4000-8000-000000000000')).toBe('job-1a2b3c4d');
  });
});
