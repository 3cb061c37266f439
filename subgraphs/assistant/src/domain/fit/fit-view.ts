import type { FitScore } from '../../db/types.ts';
import type { Fit } from './fit-inputs.ts';

/** A fit as the graph shows it, with the currency of the listing's pay for the estimate. */
export interface FitView extends Fit {
  readonly salaryCurrency: string | null;
}

/** One ranked match: the listing, the stored fit, and whether the user has seen it. */
export interface JobMatchView {
  readonly listingId: string;
  readonly fit: FitView;
  readonly viewed: boolean;
}

/** A stored fit_scores row (with its listing's pay currency) as a match. */
export function jobMatchView(row: FitScore & { readonly salary_currency: string | null }): JobMatchView {
  return {
    listingId: row.listing_id,
    viewed: row.viewed_at !== null,
    fit: {
      score: row.score,
      factors: row.factors,
      rationale: row.rationale,
      salaryEstimateCents: row.salary_estimate_cents,
      salaryCurrency: row.salary_currency,
    },
  };
}
