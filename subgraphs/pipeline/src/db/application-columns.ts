import type { ApplicationTable } from './types.ts';

/**
 * Every column of an application a resolver reads: all but the search vector, which only
 * the search's `where` needs (sent back, it would be parsed for nothing on every row).
 * Reads select these, never `applications.*`.
 */
export const applicationColumns = [
  'applications.id',
  'applications.user_id',
  'applications.job_listing_id',
  'applications.manual_title',
  'applications.manual_company_name',
  'applications.manual_url',
  'applications.manual_location',
  'applications.stage_id',
  'applications.notes',
  'applications.applied_at',
  'applications.created_at',
  'applications.updated_at',
  'applications.deleted_at',
  'applications.deadline_on',
  'applications.follow_up_on',
  'applications.salary_min_cents',
  'applications.salary_max_cents',
  'applications.salary_currency',
  'applications.source',
  'applications.source_label',
  'applications.employer_responded_at',
  'applications.listing_snapshot',
] as const satisfies readonly `applications.${keyof ApplicationTable}`[];

/** Compile-time check: fails when `ApplicationTable` gains a column the list above lacks. */
const complete: Exclude<keyof ApplicationTable, (typeof applicationColumns)[number] extends `applications.${infer C}` ? C : never> extends 'search_document' ? true : never = true;
void complete;
