import { CompanyReviewSubmitted, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { CompanyReview } from '../db/types.ts';
import type { Actor, CatalogDeps } from './deps.ts';
import { reviewEventData } from './review-event.ts';
import { validateReviewFields, type ReviewFields } from './review-fields.ts';

export interface SubmitReviewInput extends ReviewFields {
  readonly companyId: string;
}

/**
 * A candidate's review of a company (CA-25), waiting for moderation: one per author and
 * company (ALREADY_REVIEWED: edit that one), never of a company the author works for
 * (OWN_COMPANY). CompanyReviewSubmitted commits with it.
 */
export async function submitReview(deps: CatalogDeps, author: Actor, input: SubmitReviewInput): Promise<Outcome<CompanyReview>> {
  const valid = validateReviewFields(input, ['input']);
  if (!valid.ok) return valid;
  const { rating, title, body, anonymous } = { ...input, ...valid.value };
  return deps.db.transaction().execute(async (trx) => {
    const company = await trx.selectFrom('companies').select('id').where('id', '=', input.companyId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!company) return fail(userError('NOT_FOUND', 'There is no such company.', ['input', 'companyId']));
    const member = await trx.selectFrom('company_members').select('id').where('company_id', '=', company.id).where('user_id', '=', author.userId).executeTakeFirst();
    if (member) return fail(userError('OWN_COMPANY', 'Members of a company cannot review it.', ['input', 'companyId']));
    const review = await trx
      .insertInto('company_reviews')
      .values({ company_id: company.id, author_id: author.userId, rating, title, body, anonymous })
      .onConflict((oc) => oc.columns(['company_id', 'author_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!review) return fail(userError('ALREADY_REVIEWED', 'You reviewed this company already; edit that review instead.', ['input', 'companyId']));
    await appendToOutbox(trx, [pendingEvent(CompanyReviewSubmitted, review.company_id, reviewEventData(review))]);
    return succeed(review);
  });
}
