import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '@jobgraph/kit';
import { schemaPath, startIdentity } from './start.ts';

export { accessTokenAudience, accessTokenIssuer, accessTokenType } from './tokens/access-token.ts';
export { jwksPath } from './tokens/jwks-route.ts';
export type { Database as IdentityDatabase } from './db/types.ts';

export const identity: SubgraphModule = {
  name: 'identity',
  defaultPort: 4001,
  schemaPath,
  migrationFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  start: startIdentity,
};
