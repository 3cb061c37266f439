import { JobListingDrafted, JobPosted, appendToOutbox, fail, forbidden, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import { jobListingColumns } from '../db/job-listing-columns.ts';
import { listingValues } from '../db/listing-values.ts';
import { replaceListingTags } from '../db/replace-listing-tags.ts';
import { upsertLocation } from '../db/upsert-location.ts';
import { findMemberRole } from '../db/member-role.ts';
import type { JobListing } from '../db/types.ts';
import { listingSnapshot } from '../events/listing-snapshot.ts';
import { can } from './company-permissions.ts';
import type { Actor, CatalogDeps } from './deps.ts';
import { validateListingFields, type ListingFields, type ListingFieldsInput } from './listing-fields.ts';
import { listingSlug } from './listing-slug.ts';
import { transition } from './listing-status.ts';
import { checkActiveListingLimit } from './plan-limit.ts';
import type { SalaryRangeInput } from './salary-range.ts';

/** The optional content a new listing may carry (omitted: empty, yearly pay, public). */
type ListingExtras = Pick<ListingFieldsInput, 'requirements' | 'responsibilities' | 'benefits' | 'department' | 'salaryPeriod' | 'eligibilityNotes' | 'workAuthorizationNotes' | 'visibility' | 'taggings' | 'place'>;

export interface CreateJobListingCommand extends ListingExtras {
  readonly companyId: string;
  readonly title: string;
  readonly description: string;
  readonly employmentType: ListingFields['employmentType'];
  readonly remoteType: ListingFields['remoteType'];
  readonly seniority: ListingFields['seniority'];
  readonly location: string | null;
  readonly salary: SalaryRangeInput | null;
  /** Plain tags (required skills); or `taggings` instead. */
  readonly tags?: readonly string[];
  readonly expiresAt: Date | null;
  /** Open at once; otherwise saved as a draft. */
  readonly publish: boolean;
}

/**
 * A member who manages the company's listings posts one, as a draft or open at once:
 * JobListingDrafted or JobPosted, with the whole listing, commits with it. Opening at once
 * counts against the plan's open-listing limit (PLAN_LIMIT_REACHED; nothing is saved).
 */
export async function createJobListing(deps: CatalogDeps, actor: Actor, command: CreateJobListingCommand): Promise<Outcome<JobListing>> {
  const { companyId, publish, ...content } = command;
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    // Share-locked, so the company cannot be deleted under the new listing; locked for update when
    // opening at once, as the plan-limit check does (taking the share lock first could deadlock two openings).
    const company = await trx
      .selectFrom('companies')
      .select('id')
      .where('id', '=', companyId)
      .where('deleted_at', 'is', null)
      .$call((qb) => (publish ? qb.forUpdate() : qb.forShare()))
      .executeTakeFirst();
    if (!company) return fail(userError('NOT_FOUND', 'There is no such company.', ['input', 'companyId']));
    if (!can(await findMemberRole(trx, companyId, actor.userId), 'manage_listings')) {
      throw forbidden('Only members of this company who manage its listings may post for it.');
    }
    const fields = validateListingFields(content, now, ['input']);
    if (!fields.ok) return fields;
    const status = publish ? transition({ status: 'draft', expires_at: fields.value.expiresAt }, 'publish', now, ['input', 'publish']) : succeed('draft' as const);
    if (!status.ok) return status;
    if (status.value === 'open') {
      const allowed = await checkActiveListingLimit(trx, companyId, ['input', 'publish']);
      if (!allowed.ok) return allowed;
    }

    const id = crypto.randomUUID();
    const listing = await trx
      .insertInto('job_listings')
      .values({
        ...listingValues(fields.value),
        location_id: fields.value.place ? await upsertLocation(trx, fields.value.place) : null,
        id,
        slug: listingSlug(fields.value.title, id),
        title: fields.value.title,
        description: fields.value.description,
        employment_type: fields.value.employmentType,
        remote_type: fields.value.remoteType,
        company_id: companyId,
        status: status.value,
        posted_at: status.value === 'open' ? now : null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning(jobListingColumns)
      .executeTakeFirstOrThrow();
    await replaceListingTags(trx, listing.id, fields.value.taggings ?? []);
    await appendToOutbox(trx, [pendingEvent(listing.status === 'open' ? JobPosted : JobListingDrafted, listing.id, listingSnapshot(listing))]);
    return succeed(listing);
  });
}
