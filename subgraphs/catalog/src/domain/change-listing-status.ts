import { JobClosed, JobPosted, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import { jobListingColumns } from '../db/job-listing-columns.ts';
import type { JobListing, JobListingUpdate } from '../db/types.ts';
import { listingSnapshot } from '../events/listing-snapshot.ts';
import type { Actor, CatalogDeps } from './deps.ts';
import { effectiveStatus, transition } from './listing-status.ts';
import { checkActiveListingLimit } from './plan-limit.ts';
import { lockManagedListing } from './managed-listing.ts';

/** DRAFT or EXPIRED → OPEN, announced as JobPosted, within the plan's open-listing limit. An expiry that has passed must be moved first. */
export function publishJobListing(deps: CatalogDeps, actor: Actor, id: string): Promise<Outcome<JobListing>> {
  return changeListingStatus(deps, actor, id, 'publish');
}

/** DRAFT, OPEN or EXPIRED → CLOSED, for good; announced as JobClosed. */
export function closeJobListing(deps: CatalogDeps, actor: Actor, id: string): Promise<Outcome<JobListing>> {
  return changeListingStatus(deps, actor, id, 'close');
}

async function changeListingStatus(deps: CatalogDeps, actor: Actor, id: string, action: 'publish' | 'close'): Promise<Outcome<JobListing>> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const managed = await lockManagedListing(trx, actor, id, ['id']);
    if (!managed.ok) return managed;
    const listing = managed.value;
    const next = transition(listing, action, now, ['id']);
    if (!next.ok) return next;
    if (action === 'publish' && listing.expires_at !== null && listing.expires_at.getTime() <= now.getTime()) {
      return fail(userError('INVALID_EXPIRY', 'The expiry has passed; set a later one before publishing again.', ['id']));
    }
    if (action === 'publish' && effectiveStatus(listing, now) !== 'open') {
      const allowed = await checkActiveListingLimit(trx, listing.company_id, ['id']);
      if (!allowed.ok) return allowed;
    }
    const changes: JobListingUpdate =
      action === 'publish' ? { status: next.value, posted_at: now, closed_at: null, updated_at: now } : { status: next.value, closed_at: now, updated_at: now };
    const changed = await trx.updateTable('job_listings').set(changes).where('id', '=', id).returning(jobListingColumns).executeTakeFirstOrThrow();
    await appendToOutbox(trx, [pendingEvent(action === 'publish' ? JobPosted : JobClosed, id, listingSnapshot(changed))]);
    return succeed(changed);
  });
}
