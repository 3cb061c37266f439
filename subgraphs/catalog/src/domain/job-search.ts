import { createHash } from 'node:crypto';
import type { DbEmploymentType, DbRemoteType, DbSalaryPeriod, DbSeniorityLevel } from '../db/types.ts';

/** What a job seeker asked `jobs` for, normalized. Empty lists mean "any". */
export interface JobSearch {
  /** Words to match, or null to list everything. */
  readonly text: string | null;
  readonly remoteTypes: readonly DbRemoteType[];
  readonly employmentTypes: readonly DbEmploymentType[];
  readonly seniorities: readonly DbSeniorityLevel[];
  /** Every one of these must be on the listing. */
  readonly tags: readonly string[];
  readonly companyId: string | null;
  /** ISO codes, upper-case; listings placed in one of them. */
  readonly countries: readonly string[];
  /** Normalized places (lower-case uuids); listings placed in one of them. */
  readonly placeIds: readonly string[];
  /** Listings placed within `radiusKm` of the point. */
  readonly near: { readonly latitude: number; readonly longitude: number; readonly radiusKm: number } | null;
  readonly minSalary: { readonly amountCents: number; readonly currency: string; readonly period: DbSalaryPeriod } | null;
}

/**
 * How results are ordered. `relevance` needs words: without them nothing is ranked and the
 * search is sorted by `recency`. `salary`: highest yearly top of range first, no pay last.
 */
export type JobSort = 'relevance' | 'recency' | 'salary';

export const maxSearchTextLength = 200;

/** The words of search text (letters and digits), as spelling correction looks at them. */
export function searchWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The text with each word that has a correction replaced, keeping everything else (quotes,
 * `-`, `or`) as typed; null when nothing was corrected.
 */
export function correctedText(text: string, corrections: ReadonlyMap<string, string>): string | null {
  let changed = false;
  const corrected = text.replace(/[\p{L}\p{N}]+/gu, (word) => {
    const replacement = corrections.get(word.toLowerCase());
    if (replacement === undefined) return word;
    changed = true;
    return replacement;
  });
  return changed ? corrected : null;
}

/** Single-spaced and trimmed; null when nothing is left. */
export function normalizeSearchText(raw: string | null | undefined): string | null {
  const text = raw?.normalize('NFC').replace(/\s+/g, ' ').trim() ?? '';
  return text.length > 0 ? text : null;
}

/** The sort a search really runs: what was asked, else relevance for words and recency without. */
export function effectiveSort(search: JobSearch, asked: JobSort | null): JobSort {
  if (search.text === null) return asked === 'salary' ? 'salary' : 'recency';
  return asked ?? 'relevance';
}

/**
 * A short stable name of a search and its sort: equal for the same normalized words,
 * filters and order, whatever the order of list items. Cursors carry it, so a cursor of
 * one search is refused by another; the search history keys its rows by it.
 */
export function searchFingerprint(search: JobSearch, sort: JobSort): string {
  const sorted = (values: readonly string[]) => [...values].sort();
  const canonical = [
    sort,
    search.text,
    sorted(search.remoteTypes),
    sorted(search.employmentTypes),
    sorted(search.seniorities),
    sorted(search.tags),
    search.companyId,
    sorted(search.countries),
    sorted(search.placeIds),
    search.near && [search.near.latitude, search.near.longitude, search.near.radiusKm],
    search.minSalary && [search.minSalary.amountCents, search.minSalary.currency, search.minSalary.period],
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url').slice(0, 12);
}

/** Yearly pay multiplier of a salary period (the `salary_yearly_top_cents` column uses the same). */
export const periodsPerYear: Readonly<Record<DbSalaryPeriod, number>> = { hour: 2080, day: 260, week: 52, month: 12, year: 1 };

/** Lower edges of the salary bands, as yearly amounts in cents: 30k, 60k, 90k, 120k, 160k. */
export const yearlyBandEdges = [3_000_000, 6_000_000, 9_000_000, 12_000_000, 16_000_000] as const;

export interface SalaryBand {
  readonly currency: string;
  readonly period: DbSalaryPeriod;
  /** Top of range at least this (what `minSalary` takes to narrow to the band and above). */
  readonly minCents: number;
  /** Below this; null for the top band. */
  readonly maxCents: number | null;
}

/**
 * Band `bucket` (0 … 5, as `width_bucket` numbers them over `yearlyBandEdges`) in the
 * listing's own period: yearly edges divided by the periods per year, rounded up to whole
 * cents, so a listing whose top of range is at least `minCents` is exactly one whose yearly
 * equivalent reaches the yearly edge.
 */
export function salaryBand(currency: string, period: DbSalaryPeriod, bucket: number): SalaryBand {
  const inPeriod = (yearly: number) => Math.ceil(yearly / periodsPerYear[period]);
  const lower = bucket === 0 ? 0 : yearlyBandEdges[bucket - 1];
  const upper = yearlyBandEdges[bucket];
  if (lower === undefined) throw new Error(`no salary band ${bucket}`);
  return { currency, period, minCents: inPeriod(lower), maxCents: upper === undefined ? null : inPeriod(upper) };
}
