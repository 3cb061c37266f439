import { subgraphCodegenConfig } from '@jobgraph/kit/codegen-config';

export default subgraphCodegenConfig({
  mappers: {
    Company: '../db/types.ts#Company as CompanyRow',
    CompanyMembership: '../db/types.ts#CompanyMember as CompanyMemberRow',
    CompanyMember: '../db/types.ts#CompanyMember as CompanyMemberRow',
    CompanyInvitation: '../db/types.ts#CompanyInvitation as CompanyInvitationRow',
    JobListing: '../db/types.ts#JobListing as JobListingRow',
    User: '../resolvers/user.ts#UserReference',
    Place: '../db/types.ts#Location as LocationRow',
    JobSearchConnection: '../resolvers/job-search-connection.ts#JobSearchResult',
    JobFacets: '../db/job-facets.ts#JobFacetCounts',
    CompanyReview: '../db/types.ts#CompanyReview as CompanyReviewRow',
    SearchHistoryEntry: '../db/types.ts#SearchHistoryEntry as SearchHistoryEntryRow',
  },
  scalars: {
    Currency: 'string',
    DateTime: { input: 'Date', output: 'Date | string' },
    EmailAddress: 'string',
    JSONObject: 'Record<string, unknown>',
    SafeInt: 'number',
    URL: { input: 'URL', output: 'URL | string' },
    UUID: 'string',
  },
});
