import { isUser, parsePage, requireUser, toConnection } from '@jobgraph/kit';
import type { AssistantDeps } from '../domain/deps.ts';
import { emptyCareerProfile } from '../domain/career-profile.ts';
import { recommendedScore } from '../domain/fit/fit-inputs.ts';
import { fitListing, fitProfile } from '../domain/fit/fit-rows.ts';
import { computeFit } from '../domain/fit/fit-score.ts';
import type { FitView } from '../domain/fit/fit-view.ts';
import { jobMatchesPage, markJobMatchViewed } from '../domain/fit/job-matches.ts';
import type { Context } from '../context.ts';
import type { FitFactorKind, FitFactorResolvers, FitScoreResolvers, JobListingResolvers, JobMatchResolvers, MutationResolvers, UserResolvers } from '../generated/resolvers.ts';

/** Catalog owns listings; here a listing is only the id the gateway hands over. */
export interface JobListingReference {
  readonly id: string;
}

/** The signed-in user's fit with one listing, computed from the current profile and projection. */
async function viewerFit(listingId: string, { principal, loaders }: Context): Promise<FitView | null> {
  if (!isUser(principal)) return null;
  const userId = principal.userId.toLowerCase();
  const [listing, profile, experience] = await Promise.all([
    loaders.listingFeaturesById.load(listingId),
    loaders.careerProfileByUserId.load(userId),
    loaders.workExperienceByUserId.load(userId),
  ]);
  if (!listing) return null;
  const fit = computeFit(fitProfile(profile ?? emptyCareerProfile(userId), experience), fitListing(listing));
  return { ...fit, salaryCurrency: listing.salary_currency };
}

export const JobListing: JobListingResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  viewerFit: (listing, _args, context) => viewerFit(listing.id, context),
};

export const FitScore: FitScoreResolvers = {
  score: (fit) => fit.score,
  recommended: (fit) => fit.score >= recommendedScore,
  factors: (fit) => [...fit.factors],
  rationale: (fit) => fit.rationale,
  salaryEstimate: (fit) => (fit.salaryEstimateCents !== null && fit.salaryCurrency !== null ? { amountCents: fit.salaryEstimateCents, currency: fit.salaryCurrency } : null),
};

export const FitFactor: FitFactorResolvers = {
  kind: (factor) => factor.kind.toUpperCase() as FitFactorKind,
  weight: (factor) => factor.weight,
  match: (factor) => factor.value / 1000,
  points: (factor) => (factor.weight * factor.value) / 1000,
  known: (factor) => factor.known,
  explanation: (factor) => factor.explanation,
};

export const JobMatch: JobMatchResolvers = {
  listing: (match) => ({ id: match.listingId }),
  fit: (match) => match.fit,
  recommended: (match) => match.fit.score >= recommendedScore,
  viewed: (match) => match.viewed,
};

export function jobMatchesField(deps: AssistantDeps): NonNullable<UserResolvers['jobMatches']> {
  return async (user, args, { principal }) => {
    const page = parsePage(args);
    const own = isUser(principal) && principal.userId.toLowerCase() === user.id.toLowerCase();
    const rows = own ? await jobMatchesPage(deps.db, user.id, page) : [];
    const connection = toConnection(rows, page, (match) => ({ key: match.fit.score, id: match.listingId }));
    return { edges: [...connection.edges], pageInfo: connection.pageInfo };
  };
}

export function jobMatchMutations(deps: AssistantDeps): MutationResolvers {
  return {
    markJobMatchViewed: async (_parent, { listingId }, { principal }) => {
      const { userId } = requireUser(principal);
      const outcome = await markJobMatchViewed(deps.db, userId, listingId);
      if (!outcome.ok) return { match: null, errors: outcome.errors.map((e) => ({ ...e, field: [...e.field] })) };
      return { match: outcome.value, errors: [] };
    },
  };
}
