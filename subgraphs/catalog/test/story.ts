import { randomUUID } from 'node:crypto';
import type { Principal, UserPrincipal } from '@jobgraph/kit';
import { userPrincipal, type GraphQLResult, type SubgraphHarness } from '@jobgraph/kit/testing';

/** What a client reads back of a listing in these tests. */
export const listingFields = /* GraphQL */ `
  id title description status employmentType remoteType seniority location tags postedAt closedAt expiresAt
  salary { minCents maxCents currency }
  company { id name }
`;

export interface UserErrorData {
  field: string[];
  code: string;
  message: string;
}

export interface CompanyData {
  id: string;
  name: string;
  slug: string;
  website: string | null;
  description: string | null;
}

export interface ListingData {
  id: string;
  title: string;
  status: string;
  tags: string[];
  postedAt: string | null;
  closedAt: string | null;
  salary: { minCents: number | null; maxCents: number | null; currency: string } | null;
  company: { id: string; name: string };
  [field: string]: unknown;
}

const createCompany = /* GraphQL */ `
  mutation ($input: CreateCompanyInput!) {
    createCompany(input: $input) { company { id name slug website description } errors { field code message } }
  }
`;
const createJobListing = /* GraphQL */ `
  mutation ($input: CreateJobListingInput!) {
    createJobListing(input: $input) { jobListing { ${listingFields} } errors { field code message } }
  }
`;
export const updateJobListing = /* GraphQL */ `
  mutation ($input: UpdateJobListingInput!) {
    updateJobListing(input: $input) { jobListing { ${listingFields} } errors { field code message } }
  }
`;
export const publishJobListing = /* GraphQL */ `
  mutation ($id: UUID!) { publishJobListing(id: $id) { jobListing { ${listingFields} } errors { field code message } } }
`;
export const closeJobListing = /* GraphQL */ `
  mutation ($id: UUID!) { closeJobListing(id: $id) { jobListing { ${listingFields} } errors { field code message } } }
`;
export const jobById = /* GraphQL */ `query ($id: UUID!) { job(id: $id) { ${listingFields} } }`;

/** The seed DSL: people and companies as a story ("an employer posts a listing"). */
export function catalogStory(harness: SubgraphHarness) {
  return {
    /** A signed-in employer with a fresh user id. */
    employer: () => userPrincipal(randomUUID(), 'employer') as UserPrincipal,
    candidate: () => userPrincipal(randomUUID(), 'candidate') as UserPrincipal,

    async createCompany(owner: Principal, name: string, extra: Record<string, unknown> = {}): Promise<CompanyData> {
      const result = await harness.request<{ createCompany: { company: CompanyData | null; errors: UserErrorData[] } }>(createCompany, { input: { name, ...extra } }, owner);
      const company = result.data?.createCompany.company;
      if (!company) throw new Error(`createCompany failed: ${JSON.stringify(result)}`);
      return company;
    },

    /** A listing with sensible defaults; `publish: true` unless overridden. */
    async postListing(owner: Principal, companyId: string, overrides: Record<string, unknown> = {}): Promise<ListingData> {
      const input = {
        companyId,
        title: 'Backend Engineer',
        description: 'Build and run the services behind our product.',
        employmentType: 'FULL_TIME',
        remoteType: 'REMOTE',
        publish: true,
        ...overrides,
      };
      const result = await harness.request<{ createJobListing: { jobListing: ListingData | null; errors: UserErrorData[] } }>(createJobListing, { input }, owner);
      const listing = result.data?.createJobListing.jobListing;
      if (!listing) throw new Error(`createJobListing failed: ${JSON.stringify(result)}`);
      return listing;
    },

    createJobListing: (principal: Principal, input: Record<string, unknown>) =>
      harness.request<{ createJobListing: { jobListing: ListingData | null; errors: UserErrorData[] } }>(createJobListing, { input }, principal),
    createCompanyRequest: (principal: Principal, input: Record<string, unknown>) =>
      harness.request<{ createCompany: { company: CompanyData | null; errors: UserErrorData[] } }>(createCompany, { input }, principal),
  };
}

export function codeOf(result: GraphQLResult<unknown>): unknown {
  return result.errors?.[0]?.extensions?.code;
}
