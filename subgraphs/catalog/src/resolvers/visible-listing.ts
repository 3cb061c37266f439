import type { Context } from '../context.ts';
import type { JobListing } from '../db/types.ts';
import { canSeeListing } from '../domain/listing-visibility.ts';
import { effectiveStatus } from '../domain/listing-status.ts';
import { viewerRole } from './viewer-role.ts';

/**
 * The listing if the caller may see it, else null: an unpublished listing of someone
 * else's company does not exist for them. Open listings cost no membership lookup.
 */
export async function visibleListing(context: Context, id: string): Promise<JobListing | null> {
  const listing = await context.loaders.jobListingById.load(id);
  if (!listing) return null;
  const now = new Date();
  const role = effectiveStatus(listing, now) === 'open' ? null : await viewerRole(context, listing.company_id);
  return canSeeListing(listing, role, now) ? listing : null;
}
