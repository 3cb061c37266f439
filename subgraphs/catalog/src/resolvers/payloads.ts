import type { Outcome, UserError } from '@jobgraph/kit';
import type { Company, JobListing } from '../db/types.ts';
import type { ResolversTypes } from '../generated/resolvers.ts';

const errorsOf = (errors: readonly UserError[]) => errors.map((error) => ({ field: [...error.field], code: error.code, message: error.message }));

export function companyPayload(outcome: Outcome<Company>): ResolversTypes['CompanyPayload'] {
  return outcome.ok ? { company: outcome.value, errors: [] } : { company: null, errors: errorsOf(outcome.errors) };
}

export function jobListingPayload(outcome: Outcome<JobListing>): ResolversTypes['JobListingPayload'] {
  return outcome.ok ? { jobListing: outcome.value, errors: [] } : { jobListing: null, errors: errorsOf(outcome.errors) };
}
