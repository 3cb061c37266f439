import { subgraphCodegenConfig } from '@jobgraph/kit/codegen-config';

export default subgraphCodegenConfig({
  mappers: {
    User: '../db/types.ts#User as UserRow',
  },
  scalars: {
    DateTime: 'Date',
    EmailAddress: 'string',
  },
});
