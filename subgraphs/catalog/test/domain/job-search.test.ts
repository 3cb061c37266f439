import { describe, expect, it } from 'vitest';
import { effectiveSort, salaryBand, searchFingerprint, type JobSearch } from '../../src/domain/job-search.ts';

const base: JobSearch = { text: 'engineer', remoteTypes: [], employmentTypes: [], seniorities: [], tags: [], companyId: null, countries: [], placeIds: [], near: null, minSalary: null };

describe('the sort a search runs', () => {
  it('is relevance for words and recency without, unless asked', () => {
    expect(effectiveSort(base, null)).toBe('relevance');
    expect(effectiveSort({ ...base, text: null }, null)).toBe('recency');
    expect(effectiveSort({ ...base, text: null }, 'relevance')).toBe('recency');
    expect(effectiveSort({ ...base, text: null }, 'salary')).toBe('salary');
    expect(effectiveSort(base, 'recency')).toBe('recency');
  });
});

describe('a search fingerprint', () => {
  it('is the same whatever the order of list items', () => {
    expect(searchFingerprint({ ...base, tags: ['go', 'sql'], countries: ['DE', 'FR'] }, 'relevance')).toBe(
      searchFingerprint({ ...base, tags: ['sql', 'go'], countries: ['FR', 'DE'] }, 'relevance'),
    );
  });

  it('differs for other words, another filter value, or another sort', () => {
    const one = searchFingerprint(base, 'relevance');
    expect(searchFingerprint({ ...base, text: 'engineers' }, 'relevance')).not.toBe(one);
    expect(searchFingerprint({ ...base, remoteTypes: ['remote'] }, 'relevance')).not.toBe(one);
    expect(searchFingerprint({ ...base, near: { latitude: 1, longitude: 2, radiusKm: 3 } }, 'relevance')).not.toBe(one);
    expect(searchFingerprint(base, 'salary')).not.toBe(one);
  });
});

describe('salary bands', () => {
  it('are yearly edges, and the same edges in the listing\'s own period, rounded up to whole cents', () => {
    expect(salaryBand('EUR', 'year', 0)).toEqual({ currency: 'EUR', period: 'year', minCents: 0, maxCents: 3_000_000 });
    expect(salaryBand('EUR', 'year', 5)).toEqual({ currency: 'EUR', period: 'year', minCents: 16_000_000, maxCents: null });
    expect(salaryBand('USD', 'month', 1)).toEqual({ currency: 'USD', period: 'month', minCents: 250_000, maxCents: 500_000 });
    // 30,000.00 a year is 14.4230… an hour: 1443 cents is the first hourly top of range that reaches it.
    expect(salaryBand('USD', 'hour', 1).minCents).toBe(1443);
    expect(1443 * 2080).toBeGreaterThanOrEqual(3_000_000);
    expect(1442 * 2080).toBeLessThan(3_000_000);
  });
});

describe('spelling correction of search text', () => {
  it('replaces only the corrected words and keeps the search syntax as typed', async () => {
    const { correctedText, searchWords } = await import('../../src/domain/job-search.ts');
    expect(searchWords('"senior enginer" -jva or Kübernetes')).toEqual(['senior', 'enginer', 'jva', 'or', 'Kübernetes']);
    const corrections = new Map([['enginer', 'engineer'], ['kübernetes', 'kubernetes']]);
    expect(correctedText('"senior enginer" -java or Kübernetes', corrections)).toBe('"senior engineer" -java or kubernetes');
    expect(correctedText('nothing to fix', corrections)).toBeNull();
  });
});
