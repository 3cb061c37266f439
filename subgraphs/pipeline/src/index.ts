import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '@jobgraph/kit';
import { schemaPath, startPipeline } from './start.ts';

export { ensureDefaultStages } from './domain/default-stages.ts';
export type { Database as PipelineDatabase } from './db/types.ts';

export const pipeline: SubgraphModule = {
  name: 'pipeline',
  defaultPort: 4003,
  schemaPath,
  migrationFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  start: startPipeline,
};
