import { fail, forbidden, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { Kysely } from 'kysely';
import { jobListingColumns } from '../db/job-listing-columns.ts';
import { findMemberRole } from '../db/member-role.ts';
import type { Database, JobListing } from '../db/types.ts';
import { can } from './company-permissions.ts';
import type { Actor } from './deps.ts';

/**
 * Locks a listing that `actor` is about to change. Someone outside its company learns
 * nothing: NOT_FOUND, exactly as for an id that does not exist. A member who may see
 * it but not manage it is FORBIDDEN.
 */
export async function lockManagedListing(trx: Kysely<Database>, actor: Actor, listingId: string, field: readonly string[]): Promise<Outcome<JobListing>> {
  const listing = await trx.selectFrom('job_listings').select(jobListingColumns).where('id', '=', listingId).forUpdate().executeTakeFirst();
  const role = listing ? await findMemberRole(trx, listing.company_id, actor.userId) : null;
  if (!listing || role === null) return fail(userError('NOT_FOUND', 'There is no such listing among your companies’ listings.', field));
  if (!can(role, 'manage_listings')) throw forbidden('Your role in this company does not let you change its listings.');
  return succeed(listing);
}
