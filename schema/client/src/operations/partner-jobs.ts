import { graphql } from '../generated/gql/index.ts';

/** A partner's job-board sync over the public graph (`/public/graphql`, key with `jobs:read`). */
export const PartnerJobsQuery = graphql(`
  query PartnerJobs($first: Int, $after: String) {
    jobs(first: $first, after: $after) {
      edges { node { id title status remoteType postedAt company { id name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
