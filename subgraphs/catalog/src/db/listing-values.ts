import type { ListingFields } from '../domain/listing-fields.ts';
import type { JobListingUpdate } from './types.ts';

/** The columns that hold the given listing fields; a cleared salary clears all three of its columns. */
export function listingValues(fields: { readonly [K in keyof ListingFields]?: ListingFields[K] }): JobListingUpdate {
  return {
    ...(fields.title !== undefined ? { title: fields.title } : {}),
    ...(fields.description !== undefined ? { description: fields.description } : {}),
    ...(fields.employmentType !== undefined ? { employment_type: fields.employmentType } : {}),
    ...(fields.remoteType !== undefined ? { remote_type: fields.remoteType } : {}),
    ...(fields.seniority !== undefined ? { seniority: fields.seniority } : {}),
    ...(fields.location !== undefined ? { location: fields.location } : {}),
    ...(fields.tags !== undefined ? { tags: [...fields.tags] } : {}),
    ...(fields.expiresAt !== undefined ? { expires_at: fields.expiresAt } : {}),
    ...(fields.salary !== undefined
      ? {
          salary_min_cents: fields.salary?.minCents ?? null,
          salary_max_cents: fields.salary?.maxCents ?? null,
          salary_currency: fields.salary?.currency ?? null,
        }
      : {}),
  };
}
