import { hasRole, isUser, type Principal } from '@jobgraph/kit';
import type { CompanyReview as CompanyReviewRow } from '../db/types.ts';
import type { CompanyReviewResolvers, CompanyReviewStatus } from '../generated/resolvers.ts';
import { companyOf } from './company-of.ts';

const isAuthor = (review: CompanyReviewRow, principal: Principal) => isUser(principal) && principal.userId === review.author_id;
/** Who may see a review's moderation state: its author and platform admins. */
const seesModeration = (review: CompanyReviewRow, principal: Principal) => isAuthor(review, principal) || hasRole(principal, 'admin');

export const CompanyReview: CompanyReviewResolvers = {
  company: (review, _args, context) => companyOf(context, review.company_id),
  // An anonymous review names nobody, whoever asks (admins and the author included).
  author: (review) => (review.anonymous ? null : { id: review.author_id }),
  viewerIsAuthor: (review, _args, { principal }) => isAuthor(review, principal),
  status: (review, _args, { principal }) => (seesModeration(review, principal) ? (review.status.toUpperCase() as CompanyReviewStatus) : null),
  rejectionReason: (review, _args, { principal }) => (seesModeration(review, principal) ? review.rejection_reason : null),
  createdAt: (review) => review.created_at,
  updatedAt: (review) => review.updated_at,
};
