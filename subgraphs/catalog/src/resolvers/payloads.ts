import type { Outcome, UserError } from '@jobgraph/kit';
import type { Company, CompanyInvitation, CompanyMember, JobListing } from '../db/types.ts';
import type { ResolversTypes } from '../generated/resolvers.ts';

const errorsOf = (errors: readonly UserError[]) => errors.map((error) => ({ field: [...error.field], code: error.code, message: error.message }));

export function companyPayload(outcome: Outcome<Company>): ResolversTypes['CompanyPayload'] {
  return outcome.ok ? { company: outcome.value, errors: [] } : { company: null, errors: errorsOf(outcome.errors) };
}

export function jobListingPayload(outcome: Outcome<JobListing>): ResolversTypes['JobListingPayload'] {
  return outcome.ok ? { jobListing: outcome.value, errors: [] } : { jobListing: null, errors: errorsOf(outcome.errors) };
}

export function companyMemberPayload(outcome: Outcome<CompanyMember>): ResolversTypes['CompanyMemberPayload'] {
  return outcome.ok ? { member: outcome.value, errors: [] } : { member: null, errors: errorsOf(outcome.errors) };
}

export function invitationPayload(outcome: Outcome<{ readonly invitation: CompanyInvitation; readonly token: string | null }>): ResolversTypes['CompanyInvitationPayload'] {
  return outcome.ok ? { invitation: outcome.value.invitation, token: outcome.value.token, errors: [] } : { invitation: null, token: null, errors: errorsOf(outcome.errors) };
}
