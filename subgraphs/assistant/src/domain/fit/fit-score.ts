import { locationFactor, recencyFactor, salaryFactor, seniorityFactor, skillsFactor, titleFactor, type FactorValue } from './fit-factors.ts';
import { fitWeights, type Fit, type FitFactor, type FitFactorKind, type FitListing, type FitProfile } from './fit-inputs.ts';

const factorFunctions: readonly (readonly [FitFactorKind, (profile: FitProfile, listing: FitListing) => FactorValue])[] = [
  ['skills', skillsFactor],
  ['title', titleFactor],
  ['seniority', seniorityFactor],
  ['salary', salaryFactor],
  ['location', locationFactor],
  ['recency', recencyFactor],
];

/**
 * A candidate's fit with a listing, 0 to 100, from six explained factors. Pure and
 * integer-exact: the same inputs give the same score on every machine.
 */
export function computeFit(profile: FitProfile, listing: FitListing): Fit {
  const factors: FitFactor[] = factorFunctions.map(([kind, compute]) => ({ kind, weight: fitWeights[kind], ...compute(profile, listing) }));
  const points = factors.reduce((sum, factor) => sum + factor.weight * factor.value, 0);
  const score = Math.floor((points + 500) / 1000);
  return { score, factors, rationale: rationale(score, factors), salaryEstimateCents: salaryEstimate(listing) };
}

function salaryEstimate(listing: FitListing): number | null {
  const { salaryMinCents: min, salaryMaxCents: max } = listing;
  if (min !== null && max !== null) return Math.floor((min + max) / 2);
  return min ?? max;
}

/** One paragraph: the score, what helps most and what holds it back most. */
function rationale(score: number, factors: readonly FitFactor[]): string {
  const known = factors.filter((factor) => factor.known);
  const byPoints = [...known].sort((a, b) => b.weight * b.value - a.weight * a.value || a.kind.localeCompare(b.kind));
  const byLoss = [...known].sort((a, b) => b.weight * (1000 - b.value) - a.weight * (1000 - a.value) || a.kind.localeCompare(b.kind));
  const parts = [`Fit ${score}/100.`];
  const best = byPoints[0];
  if (best && best.value > 0) parts.push(`Strongest: ${best.kind} — ${best.explanation}`);
  const worst = byLoss[0];
  if (worst && worst !== best && worst.value < 1000) parts.push(`Weakest: ${worst.kind} — ${worst.explanation}`);
  const unknownKinds = factors.filter((factor) => !factor.known).map((factor) => factor.kind);
  if (unknownKinds.length > 0) parts.push(`Counted half for lack of data: ${unknownKinds.join(', ')}.`);
  return parts.join(' ');
}
