import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '@jobgraph/kit';
import { schemaPath, startBilling } from './start.ts';

export type { Database as BillingDatabase } from './db/types.ts';

export const billing: SubgraphModule = {
  name: 'billing',
  defaultPort: 4005,
  schemaPath,
  migrationFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  start: startBilling,
};
