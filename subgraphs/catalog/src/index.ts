import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '@jobgraph/kit';
import { schemaPath, startCatalog } from './start.ts';

export type { Database as CatalogDatabase } from './db/types.ts';

export const catalog: SubgraphModule = {
  name: 'catalog',
  defaultPort: 4002,
  schemaPath,
  migrationFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  start: startCatalog,
};
