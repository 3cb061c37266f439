import { requireUser } from '@jobgraph/kit';
import { closeJobListing, publishJobListing } from '../domain/change-listing-status.ts';
import { createJobListing } from '../domain/create-job-listing.ts';
import type { CatalogDeps } from '../domain/deps.ts';
import type { ListingFieldsInput } from '../domain/listing-fields.ts';
import { updateJobListing } from '../domain/update-job-listing.ts';
import type { MutationResolvers, UpdateJobListingInput } from '../generated/resolvers.ts';
import { fromTagKind, fromTagRequirement, fromEmploymentType, fromListingVisibility, fromRemoteType, fromSalaryPeriod, fromSeniorityLevel } from './enums.ts';
import { countListingView } from '../domain/record-view.ts';
import { fail, userError } from '@jobgraph/kit';
import { visibleListing } from './visible-listing.ts';
import type { CreateJobListingInput } from '../generated/resolvers.ts';
import { jobListingPayload } from './payloads.ts';

type ListingMutations = Pick<MutationResolvers, 'createJobListing' | 'updateJobListing' | 'publishJobListing' | 'closeJobListing' | 'recordJobListingView'>;

export function jobListingMutations(deps: CatalogDeps): ListingMutations {
  return {
    createJobListing: async (_parent, { input }, { principal }) => {
      const { userId } = requireUser(principal);
      return jobListingPayload(
        await createJobListing(deps, { userId }, {
          companyId: input.companyId,
          title: input.title,
          description: input.description,
          employmentType: fromEmploymentType(input.employmentType),
          remoteType: fromRemoteType(input.remoteType),
          seniority: input.seniority ? fromSeniorityLevel(input.seniority) : null,
          location: input.location ?? null,
          salary: input.salary ?? null,
          ...(input.tags != null ? { tags: input.tags } : input.taggings ? {} : { tags: [] }),
          expiresAt: input.expiresAt ?? null,
          publish: input.publish ?? false,
          ...contentPatch(input),
          ...taggingsPatch(input),
          ...(input.place ? { place: input.place } : {}),
          ...(input.salary?.period ? { salaryPeriod: fromSalaryPeriod(input.salary.period) } : {}),
          ...(input.visibility ? { visibility: fromListingVisibility(input.visibility) } : {}),
        }),
      );
    },
    updateJobListing: async (_parent, { input }, { principal }) => {
      const { userId } = requireUser(principal);
      return jobListingPayload(await updateJobListing(deps, { userId }, { id: input.id, ...listingPatch(input) }));
    },
    publishJobListing: async (_parent, { id }, { principal }) => jobListingPayload(await publishJobListing(deps, requireUser(principal), id)),
    closeJobListing: async (_parent, { id }, { principal }) => jobListingPayload(await closeJobListing(deps, requireUser(principal), id)),
    recordJobListingView: async (_parent, { id }, context) =>
      jobListingPayload((await visibleListing(context, id)) ? await countListingView(deps, id) : fail(userError('NOT_FOUND', 'There is no such listing.', ['id']))),
  };
}

/** Omitted keeps a field; null clears one that may be empty and is ignored for one a listing must have. */
function listingPatch(input: UpdateJobListingInput): ListingFieldsInput {
  return {
    ...(input.title != null ? { title: input.title } : {}),
    ...(input.description != null ? { description: input.description } : {}),
    ...(input.employmentType != null ? { employmentType: fromEmploymentType(input.employmentType) } : {}),
    ...(input.remoteType != null ? { remoteType: fromRemoteType(input.remoteType) } : {}),
    ...(input.tags != null ? { tags: input.tags } : {}),
    ...(input.seniority !== undefined ? { seniority: input.seniority === null ? null : fromSeniorityLevel(input.seniority) } : {}),
    ...(input.location !== undefined ? { location: input.location } : {}),
    ...(input.salary !== undefined ? { salary: input.salary } : {}),
    ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
    ...(input.salary?.period ? { salaryPeriod: fromSalaryPeriod(input.salary.period) } : {}),
    ...(input.visibility != null ? { visibility: fromListingVisibility(input.visibility) } : {}),
    ...contentPatch(input),
    ...taggingsPatch(input),
    ...(input.place !== undefined ? { place: input.place } : {}),
  };
}

/** Taggings as the domain reads them; omitted keeps. */
function taggingsPatch(input: CreateJobListingInput | UpdateJobListingInput): ListingFieldsInput {
  if (input.taggings == null) return {};
  return {
    taggings: input.taggings.map((tagging) => ({
      name: tagging.name,
      kind: tagging.kind ? fromTagKind(tagging.kind) : null,
      requirement: tagging.requirement ? fromTagRequirement(tagging.requirement) : null,
      level: tagging.level ?? null,
    })),
  };
}

/** The free-text sections: omitted keeps, null (or empty) clears. */
function contentPatch(input: CreateJobListingInput | UpdateJobListingInput): ListingFieldsInput {
  const keys = ['requirements', 'responsibilities', 'benefits', 'department', 'eligibilityNotes', 'workAuthorizationNotes'] as const;
  return Object.fromEntries(keys.filter((key) => input[key] !== undefined).map((key) => [key, input[key] ?? null])) as ListingFieldsInput;
}
