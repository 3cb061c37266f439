import { JobUpdated, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import { jobListingColumns } from '../db/job-listing-columns.ts';
import { listingValues } from '../db/listing-values.ts';
import { replaceListingTags } from '../db/replace-listing-tags.ts';
import { upsertLocation } from '../db/upsert-location.ts';
import type { JobListing } from '../db/types.ts';
import { listingSnapshot } from '../events/listing-snapshot.ts';
import type { Actor, CatalogDeps } from './deps.ts';
import { validateListingFields, type ListingFieldsInput } from './listing-fields.ts';
import { effectiveStatus } from './listing-status.ts';
import { lockManagedListing } from './managed-listing.ts';

export interface UpdateJobListingCommand extends ListingFieldsInput {
  readonly id: string;
}

/**
 * Edits a listing of the actor's company; edits to an open listing show at once. A closed
 * listing is final. An open listing past its expiry is stored as expired here, so that a
 * later expiry does not reopen it unseen: reopening is `publish`. JobUpdated, with the
 * listing as stored (status `expired` in that case), commits with the edit.
 */
export async function updateJobListing(deps: CatalogDeps, actor: Actor, command: UpdateJobListingCommand): Promise<Outcome<JobListing>> {
  const { id, ...patch } = command;
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const managed = await lockManagedListing(trx, actor, id, ['input', 'id']);
    if (!managed.ok) return managed;
    const status = effectiveStatus(managed.value, now);
    if (status === 'closed') return fail(userError('LISTING_CLOSED', 'A closed listing cannot be changed.', ['input', 'id']));
    const fields = validateListingFields(patch, now, ['input']);
    if (!fields.ok) return fields;
    const listing = await trx
      .updateTable('job_listings')
      .set({
        ...listingValues(fields.value),
        ...('place' in fields.value ? { location_id: fields.value.place ? await upsertLocation(trx, fields.value.place) : null } : {}),
        status,
        updated_at: now,
      })
      .where('id', '=', id)
      .returning(jobListingColumns)
      .executeTakeFirstOrThrow();
    const taggings = 'taggings' in fields.value ? fields.value.taggings : undefined;
    if (taggings !== undefined) await replaceListingTags(trx, listing.id, taggings);
    await appendToOutbox(trx, [pendingEvent(JobUpdated, listing.id, listingSnapshot(listing))]);
    return succeed(listing);
  });
}
