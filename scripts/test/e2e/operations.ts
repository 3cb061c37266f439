/** The operations the end-to-end stories send, as a frontend would write them. */

export const createCompany = /* GraphQL */ `
  mutation CreateCompany($input: CreateCompanyInput!) {
    createCompany(input: $input) { company { id name slug } errors { field code message } }
  }
`;

export const postJob = /* GraphQL */ `
  mutation PostJob($input: CreateJobListingInput!) {
    createJobListing(input: $input) { jobListing { id title status company { id name } } errors { field code message } }
  }
`;

export const apply = /* GraphQL */ `
  mutation Apply($input: CreateApplicationInput!) {
    createApplication(input: $input) { application { id stage { id name kind } job { id title } } errors { field code message } }
  }
`;

export const move = /* GraphQL */ `
  mutation Move($input: MoveApplicationInput!) {
    moveApplication(input: $input) { application { id stage { name kind } history { toStage { name } } } errors { field code message } }
  }
`;

export const updateProfile = /* GraphQL */ `
  mutation UpdateProfile($input: UpdateCareerProfileInput!) {
    updateCareerProfile(input: $input) { careerProfile { headline skills } errors { field code message } }
  }
`;

/** The one query of the foundation issue: every subgraph answers a part of it. */
export const candidateHome = /* GraphQL */ `
  query CandidateHome {
    viewer {
      __typename
      id
      displayName
      careerProfile { headline skills }
      subscription { status plan { code name price { amountCents currency } } }
      applications(first: 10) {
        edges { cursor node { __typename id stage { name kind } job { __typename id title company { __typename id name } } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

export interface Payload<K extends string, T> {
  readonly [key: string]: { readonly errors: readonly { code: string; field: string[] }[] } & { readonly [P in K]: T | null };
}
