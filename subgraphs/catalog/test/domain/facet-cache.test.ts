import { describe, expect, it } from 'vitest';
import { createFacetCache } from '../../src/db/facet-cache.ts';
import type { JobFacetCounts } from '../../src/db/job-facets.ts';

const counts = (total: number): JobFacetCounts => ({ total, remoteTypes: [], employmentTypes: [], seniorities: [], tags: [], places: [], countries: [], salaryBands: [] });

describe('the facet cache', () => {
  it('keeps counts of large results for its time to live, and never keeps small ones', async () => {
    let clock = 0;
    let computed = 0;
    const cache = createFacetCache({ minTotal: 100, ttlMs: 1000, maxEntries: 2, now: () => clock });
    const count = (total: number) => async () => {
      computed += 1;
      return counts(total);
    };
    await cache.counts('big', count(500));
    await cache.counts('big', count(500));
    expect(computed).toBe(1);
    clock = 1000;
    await cache.counts('big', count(600));
    expect(computed).toBe(2);
    await cache.counts('small', count(5));
    await cache.counts('small', count(5));
    expect(computed).toBe(4);
  });
});
