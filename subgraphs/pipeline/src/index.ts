import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '@jobgraph/kit';
import { schemaPath, startPipeline } from './start.ts';

export const pipeline: SubgraphModule = {
  name: 'pipeline',
  defaultPort: 4003,
  schemaPath,
  migrationFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  start: startPipeline,
};
