import { eventually } from '@jobgraph/kit/testing';
import { dataOf } from './graphql-client.ts';
import { apply, createCompany, postJob } from './operations.ts';
import type { Member } from './story.ts';

/** What a createApplication answer looks like to a client. */
export interface Applied {
  readonly createApplication: { readonly application: { readonly id: string; readonly stage: { id: string; name: string; kind: string } } | null; readonly errors: readonly { code: string; field: string[] }[] };
}

/** An employer's company with one listing, published (or kept as a draft). */
export async function postListing(employer: Member, title: string, options: { readonly publish?: boolean } = {}): Promise<{ companyId: string; jobId: string }> {
  const company = dataOf(await employer.request<{ createCompany: { company: { id: string } } }>(createCompany, { input: { name: `${title} Inc` } }));
  const companyId = company.createCompany.company.id;
  const listing = dataOf(
    await employer.request<{ createJobListing: { jobListing: { id: string } } }>(postJob, {
      input: { companyId, title, description: 'Build the tracker people use.', employmentType: 'FULL_TIME', remoteType: 'REMOTE', tags: ['graphql'], publish: options.publish ?? true },
    }),
  );
  return { companyId, jobId: listing.createJobListing.jobListing.id };
}

/**
 * Applies to a catalog listing once pipeline's projection has caught up with catalog's
 * events (until then the listing answers NOT_FOUND, as one that does not exist).
 */
export function applyWhenListed(candidate: Member, jobId: string, input: Record<string, unknown> = {}): Promise<NonNullable<Applied['createApplication']['application']>> {
  return eventually(async () => {
    const result = dataOf(await candidate.request<Applied>(apply, { input: { jobId, ...input } }));
    const { application, errors } = result.createApplication;
    if (errors.some((e) => e.code !== 'NOT_FOUND')) throw new Error(`apply failed: ${JSON.stringify(errors)}`);
    return application ?? false;
  }, 20_000);
}
