import { subgraphCodegenConfig } from '@jobgraph/kit/codegen-config';

export default subgraphCodegenConfig({
  mappers: {
    User: '../db/types.ts#User as UserRow',
    Session: '../db/types.ts#Session as SessionRow',
    AuthEvent: '../db/types.ts#AuthEventRow',
    ApiKey: '../db/types.ts#ApiKey as ApiKeyRow',
    LinkedProvider: '../db/types.ts#ExternalAccount as ExternalAccountRow',
    IntegrationAccount: '../db/types.ts#IntegrationAccount as IntegrationAccountRow',
  },
  scalars: {
    DateTime: 'Date',
    EmailAddress: 'string',
  },
});
