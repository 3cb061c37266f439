import type { CompanyReviewData } from '@jobgraph/kit';
import type { CompanyReview } from '../db/types.ts';

/** The event payload of a review: never its author, whether anonymous or not. */
export function reviewEventData(review: CompanyReview): CompanyReviewData {
  return { reviewId: review.id, companyId: review.company_id, rating: review.rating, anonymous: review.anonymous, status: review.status };
}
