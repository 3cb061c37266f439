import { CompanyReviewEdited, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { CompanyReview } from '../db/types.ts';
import type { Actor, CatalogDeps } from './deps.ts';
import { reviewEventData } from './review-event.ts';
import { validateReviewFields, type ReviewFields } from './review-fields.ts';

/**
 * The author changes their review; a changed review waits for moderation again (an approved
 * one leaves the company's list and rating until approved anew). Someone else's review, or
 * none, is NOT_FOUND. Nothing changed: nothing written, no event.
 */
export async function editReview(deps: CatalogDeps, author: Actor, reviewId: string, input: Partial<ReviewFields>): Promise<Outcome<CompanyReview>> {
  const valid = validateReviewFields(input, ['input']);
  if (!valid.ok) return valid;
  return deps.db.transaction().execute(async (trx) => {
    const review = await trx.selectFrom('company_reviews').selectAll().where('id', '=', reviewId).where('author_id', '=', author.userId).forUpdate().executeTakeFirst();
    if (!review) return fail(userError('NOT_FOUND', 'You have no such review.', ['input', 'id']));
    const next = { rating: review.rating, title: review.title, body: review.body, anonymous: review.anonymous, ...valid.value };
    if (next.rating === review.rating && next.title === review.title && next.body === review.body && next.anonymous === review.anonymous) return succeed(review);
    const updated = await trx
      .updateTable('company_reviews')
      .set({ ...next, status: 'pending', moderated_by: null, moderated_at: null, rejection_reason: null, updated_at: deps.now() })
      .where('id', '=', review.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToOutbox(trx, [pendingEvent(CompanyReviewEdited, updated.company_id, reviewEventData(updated))]);
    return succeed(updated);
  });
}
