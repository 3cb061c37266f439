import { subgraphCodegenConfig } from '@jobgraph/kit/codegen-config';

export default subgraphCodegenConfig({
  mappers: {
    Company: '../db/types.ts#Company as CompanyRow',
    CompanyMembership: '../db/types.ts#CompanyMember as CompanyMemberRow',
    CompanyMember: '../db/types.ts#CompanyMember as CompanyMemberRow',
    CompanyInvitation: '../db/types.ts#CompanyInvitation as CompanyInvitationRow',
    JobListing: '../db/types.ts#JobListing as JobListingRow',
    User: '../resolvers/user.ts#UserReference',
  },
  scalars: {
    Currency: 'string',
    DateTime: { input: 'Date', output: 'Date | string' },
    EmailAddress: 'string',
    SafeInt: 'number',
    URL: { input: 'URL', output: 'URL | string' },
    UUID: 'string',
  },
});
