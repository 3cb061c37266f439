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
    ...(fields.requirements !== undefined ? { requirements: fields.requirements } : {}),
    ...(fields.responsibilities !== undefined ? { responsibilities: fields.responsibilities } : {}),
    ...(fields.benefits !== undefined ? { benefits: fields.benefits } : {}),
    ...(fields.department !== undefined ? { department: fields.department } : {}),
    ...(fields.salaryPeriod !== undefined ? { salary_period: fields.salaryPeriod } : {}),
    ...(fields.eligibilityNotes !== undefined ? { eligibility_notes: fields.eligibilityNotes } : {}),
    ...(fields.workAuthorizationNotes !== undefined ? { work_authorization_notes: fields.workAuthorizationNotes } : {}),
    ...(fields.visibility !== undefined ? { visibility: fields.visibility } : {}),
    ...(fields.salary !== undefined
      ? {
          salary_min_cents: fields.salary?.minCents ?? null,
          salary_max_cents: fields.salary?.maxCents ?? null,
          salary_currency: fields.salary?.currency ?? null,
        }
      : {}),
  };
}
