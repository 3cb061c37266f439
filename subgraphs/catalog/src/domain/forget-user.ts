import { sql, type Kysely } from 'kysely';
import { CompanyMemberRemoved, CompanyReviewRemoved, appendToOutbox, pendingEvent } from '@jobgraph/kit';
import type { Database } from '../db/types.ts';

export interface ForgottenUser {
  /** Companies the user was a member of; each got a CompanyMemberRemoved. */
  readonly leftCompanies: readonly string[];
  /** Companies and listings whose creator was the user, now nobody. */
  readonly anonymizedCompanies: number;
  readonly anonymizedListings: number;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Catalog's part of erasing a user, in the consumer's transaction:
 *
 * - their memberships go, each announced as CompanyMemberRemoved (keyed by the company);
 * - `created_by` becomes null on the companies and listings they created, and so does
 *   `invited_by` / `responded_by` on members and invitations;
 * - their company reviews are deleted (each announced as CompanyReviewRemoved), and so are
 *   their search history and search settings; reviews they moderated forget the moderator;
 * - outbox rows already published that name them are deleted now rather than at the
 *   relay's retention cleanup (Kafka keeps the history; the outbox is only a buffer).
 *   Rows still waiting to be published, such as the CompanyMemberRemoved written here,
 *   go out first and leave with that cleanup.
 *
 * Companies and listings stay: they belong to the company, not to the person. A company
 * whose only owner was the user stays without an owner. Its other members keep their
 * roles, admins still manage it, and nobody is promoted on the user's behalf: handing
 * someone ownership is a decision for people (support, or a claim flow), not for an
 * erasure. A company with no members at all stays too; its open listings stay open.
 *
 * Running it again finds nothing and changes nothing; the inbox already makes a
 * redelivered event a no-op.
 */
export async function forgetUser(trx: Kysely<Database>, rawUserId: string): Promise<ForgottenUser> {
  const userId = rawUserId.toLowerCase();
  if (!uuidPattern.test(userId)) throw new Error('UserErased carries no valid user id');

  const memberships = await trx.deleteFrom('company_members').where('user_id', '=', userId).returning('company_id').execute();
  const leftCompanies = memberships.map((membership) => membership.company_id).sort();
  await appendToOutbox(trx, leftCompanies.map((companyId) => pendingEvent(CompanyMemberRemoved, companyId, { companyId, userId })));

  const companies = await trx.updateTable('companies').set({ created_by: null }).where('created_by', '=', userId).executeTakeFirst();
  const listings = await trx.updateTable('job_listings').set({ created_by: null }).where('created_by', '=', userId).executeTakeFirst();
  await trx.updateTable('company_members').set({ invited_by: null }).where('invited_by', '=', userId).execute();
  await trx.updateTable('company_invitations').set({ invited_by: null }).where('invited_by', '=', userId).execute();
  await trx.updateTable('company_invitations').set({ responded_by: null }).where('responded_by', '=', userId).execute();

  // Their reviews go (each announced, without naming them), and so do their searches and search settings.
  const reviews = await trx.deleteFrom('company_reviews').where('author_id', '=', userId).returning(['id', 'company_id']).execute();
  await appendToOutbox(trx, reviews.map((review) => pendingEvent(CompanyReviewRemoved, review.company_id, { reviewId: review.id, companyId: review.company_id })));
  await trx.updateTable('company_reviews').set({ moderated_by: null }).where('moderated_by', '=', userId).execute();
  await trx.deleteFrom('search_history').where('user_id', '=', userId).execute();
  await trx.deleteFrom('search_preferences').where('user_id', '=', userId).execute();

  await sql`delete from outbox where published_at is not null and strpos(envelope::text, ${userId}) > 0`.execute(trx);

  return { leftCompanies, anonymizedCompanies: Number(companies.numUpdatedRows), anonymizedListings: Number(listings.numUpdatedRows) };
}
