import type { JobFacetCounts } from './job-facets.ts';

/**
 * Facet counts of large result sets, kept a short while per search. Counting facets walks
 * every matching listing; for a search matching thousands (the first, unfiltered search of
 * every visitor) the counts are served for `ttlMs` from here, so they may lag new listings
 * by that much. Smaller results are always counted afresh, exactly.
 */
export interface FacetCache {
  counts(key: string, count: () => Promise<JobFacetCounts>): Promise<JobFacetCounts>;
}

export interface FacetCacheOptions {
  /** Results with at least this many listings are kept. */
  readonly minTotal: number;
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly now?: () => number;
}

export const defaultFacetCacheOptions: FacetCacheOptions = { minTotal: 2_000, ttlMs: 30_000, maxEntries: 500 };

export function createFacetCache(options: FacetCacheOptions = defaultFacetCacheOptions): FacetCache {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { readonly at: number; readonly counts: JobFacetCounts }>();
  return {
    async counts(key, count) {
      const kept = entries.get(key);
      if (kept && now() - kept.at < options.ttlMs) return kept.counts;
      entries.delete(key);
      const counts = await count();
      if (counts.total >= options.minTotal) {
        if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value ?? '');
        entries.set(key, { at: now(), counts });
      }
      return counts;
    },
  };
}
