import { CompanyReviewModerated, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { CompanyReview } from '../db/types.ts';
import type { Actor, CatalogDeps } from './deps.ts';
import { reviewEventData } from './review-event.ts';
import { validateRejectionReason } from './review-fields.ts';

export type ReviewDecision = 'approved' | 'rejected';

/**
 * A platform admin's decision on a review (CA-26; the resolver checks the role). A decision
 * may be changed later; the same decision again changes nothing. A reason goes with a
 * rejection only (REASON_NOT_ALLOWED otherwise). CompanyReviewModerated commits with it.
 */
export async function moderateReview(deps: CatalogDeps, admin: Actor, reviewId: string, decision: ReviewDecision, rawReason: string | null | undefined): Promise<Outcome<CompanyReview>> {
  const reason = validateRejectionReason(rawReason, ['input', 'reason']);
  if (!reason.ok) return reason;
  if (reason.value !== null && decision !== 'rejected') return fail(userError('REASON_NOT_ALLOWED', 'Only a rejection carries a reason.', ['input', 'reason']));
  return deps.db.transaction().execute(async (trx) => {
    const review = await trx.selectFrom('company_reviews').selectAll().where('id', '=', reviewId).forUpdate().executeTakeFirst();
    if (!review) return fail(userError('NOT_FOUND', 'There is no such review.', ['input', 'id']));
    if (review.status === decision && review.rejection_reason === reason.value) return succeed(review);
    const now = deps.now();
    const updated = await trx
      .updateTable('company_reviews')
      .set({ status: decision, moderated_by: admin.userId, moderated_at: now, rejection_reason: reason.value, updated_at: now })
      .where('id', '=', review.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToOutbox(trx, [pendingEvent(CompanyReviewModerated, updated.company_id, reviewEventData(updated))]);
    return succeed(updated);
  });
}
