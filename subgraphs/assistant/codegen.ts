import { subgraphCodegenConfig } from '@jobgraph/kit/codegen-config';

export default subgraphCodegenConfig({
  mappers: {
    User: '../resolvers/user.ts#UserReference',
    CareerProfile: '../domain/career-profile.ts#CareerProfileView',
    CareerPreferences: '../domain/career-profile.ts#CareerProfileView',
  },
  scalars: {
    DateTime: 'Date',
    Currency: 'string',
  },
});
