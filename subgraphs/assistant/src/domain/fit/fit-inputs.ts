import type { StoredFitFactor } from '../../db/types.ts';

/**
 * What a fit score is computed from: plain data, no clock. The same inputs give the same
 * score, to the digit; recency is measured against the listing's own date.
 */
export interface FitProfile {
  /** Comparison keys (`skillKey`) of the profile's skills and the skills used in its experience. */
  readonly skills: readonly string[];
  /** Desired titles, the current title and the roles held, most relevant first. */
  readonly titles: readonly string[];
  readonly yearsOfExperience: number | null;
  /** Catalog's seniority levels the candidate wants, lower-case. */
  readonly levels: readonly string[];
  readonly salaryMinCents: number | null;
  readonly salaryCurrency: string | null;
  readonly locations: readonly string[];
  readonly remote: 'onsite' | 'hybrid' | 'remote' | 'any';
  readonly experience: readonly FitExperience[];
}

export interface FitExperience {
  readonly role: string;
  readonly skills: readonly string[];
  readonly isCurrent: boolean;
  /** `YYYY-MM-DD`, null when not given. */
  readonly endDate: string | null;
}

export interface FitListing {
  readonly title: string;
  /** Comparison keys (`skillKey`) of the listing's tags. */
  readonly skills: readonly string[];
  readonly seniority: string | null;
  readonly salaryMinCents: number | null;
  readonly salaryMaxCents: number | null;
  readonly salaryCurrency: string | null;
  readonly location: string | null;
  readonly remoteType: string;
  /** `YYYY-MM-DD` the listing counts from (posted, else last changed). */
  readonly date: string;
}

export type FitFactorKind = StoredFitFactor['kind'];

export interface FitFactor {
  readonly kind: FitFactorKind;
  /** Percent of the score this factor can give; all weights add up to 100. */
  readonly weight: number;
  /** 0..1000: how well it matches, in thousandths. 500 means "not known, counted half". */
  readonly value: number;
  readonly explanation: string;
  /** False when a fact is missing and the factor counts half. */
  readonly known: boolean;
}

export interface Fit {
  /** 0..100: Σ weight × value / 1000, rounded half up. */
  readonly score: number;
  readonly factors: readonly FitFactor[];
  readonly rationale: string;
  /** The middle of the listing's range, or its one bound; null when it shows no pay. */
  readonly salaryEstimateCents: number | null;
}

/** The weights, in percent. */
export const fitWeights: Readonly<Record<FitFactorKind, number>> = {
  skills: 35,
  title: 20,
  seniority: 15,
  salary: 10,
  location: 10,
  recency: 10,
};

/**
 * Raise it with any change to how a fit is computed or explained: a stored score whose
 * digest (fit-store.ts) was taken under another version is recomputed at the next profile event.
 */
export const fitRulesVersion = 1;

/** A listing at or above this score is marked recommended. */
export const recommendedScore = 70;
