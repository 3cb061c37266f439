import type { JobListing } from './types.ts';

/** Every stored column of a listing but the search vector; select these, never `*`. */
export const jobListingColumns = [
  'id',
  'company_id',
  'title',
  'description',
  'status',
  'employment_type',
  'remote_type',
  'seniority',
  'location',
  'salary_min_cents',
  'salary_max_cents',
  'salary_currency',
  'tags',
  'posted_at',
  'closed_at',
  'expires_at',
  'requirements',
  'responsibilities',
  'benefits',
  'department',
  'salary_period',
  'eligibility_notes',
  'work_authorization_notes',
  'visibility',
  'source',
  'slug',
  'featured_until',
  'location_id',
  'view_count',
  'application_count',
  'salary_yearly_top_cents',
  'created_by',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof JobListing)[];

/** Compile-time check: fails when `JobListingTable` gains a column the list above lacks. */
const complete: Exclude<keyof JobListing, (typeof jobListingColumns)[number]> extends never ? true : never = true;
void complete;
