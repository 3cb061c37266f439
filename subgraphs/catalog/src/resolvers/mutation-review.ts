import { requireRole, type Outcome, type UserError } from '@jobgraph/kit';
import type { CompanyReview } from '../db/types.ts';
import type { CatalogDeps } from '../domain/deps.ts';
import { editReview } from '../domain/edit-review.ts';
import { moderateReview } from '../domain/moderate-review.ts';
import { submitReview } from '../domain/submit-review.ts';
import type { MutationResolvers, ResolversTypes } from '../generated/resolvers.ts';

const errorsOf = (errors: readonly UserError[]) => errors.map((error) => ({ field: [...error.field], code: error.code, message: error.message }));
const reviewPayload = (outcome: Outcome<CompanyReview>): ResolversTypes['CompanyReviewPayload'] =>
  outcome.ok ? { review: outcome.value, errors: [] } : { review: null, errors: errorsOf(outcome.errors) };

/** Reviews (CA-25) by candidates, and their moderation (CA-26) by platform admins. */
export function reviewMutations(deps: CatalogDeps): Pick<MutationResolvers, 'submitCompanyReview' | 'editCompanyReview' | 'moderateCompanyReview'> {
  return {
    submitCompanyReview: async (_parent, { input }, { principal }) => {
      const { userId } = requireRole(principal, 'candidate');
      return reviewPayload(
        await submitReview(deps, { userId }, { companyId: input.companyId.toLowerCase(), rating: input.rating, title: input.title, body: input.body, anonymous: input.anonymous ?? false }),
      );
    },
    editCompanyReview: async (_parent, { input }, { principal }) => {
      const { userId } = requireRole(principal, 'candidate');
      const given = {
        ...(input.rating != null ? { rating: input.rating } : {}),
        ...(input.title != null ? { title: input.title } : {}),
        ...(input.body != null ? { body: input.body } : {}),
        ...(input.anonymous != null ? { anonymous: input.anonymous } : {}),
      };
      return reviewPayload(await editReview(deps, { userId }, input.id.toLowerCase(), given));
    },
    moderateCompanyReview: async (_parent, { input }, { principal }) => {
      const { userId } = requireRole(principal, 'admin');
      return reviewPayload(await moderateReview(deps, { userId }, input.id.toLowerCase(), input.decision === 'APPROVE' ? 'approved' : 'rejected', input.reason));
    },
  };
}
