import type { DbEmploymentType, DbRemoteType, DbSalaryPeriod, DbSeniorityLevel } from '../db/types.ts';

/** What a job seeker asked `jobs` for, normalized. Empty lists mean "any". */
export interface JobSearch {
  /** Words to match, or null to list everything newest first. */
  readonly text: string | null;
  readonly remoteTypes: readonly DbRemoteType[];
  readonly employmentTypes: readonly DbEmploymentType[];
  readonly seniorities: readonly DbSeniorityLevel[];
  /** Every one of these must be on the listing. */
  readonly tags: readonly string[];
  readonly companyId: string | null;
  /** ISO codes, upper-case; listings placed in one of them. */
  readonly countries: readonly string[];
  /** Listings placed within `radiusKm` of the point. */
  readonly near: { readonly latitude: number; readonly longitude: number; readonly radiusKm: number } | null;
  readonly minSalary: { readonly amountCents: number; readonly currency: string; readonly period: DbSalaryPeriod } | null;
}

export const maxSearchTextLength = 200;

/** Single-spaced and trimmed; null when nothing is left. */
export function normalizeSearchText(raw: string | null | undefined): string | null {
  const text = raw?.normalize('NFC').replace(/\s+/g, ' ').trim() ?? '';
  return text.length > 0 ? text : null;
}
