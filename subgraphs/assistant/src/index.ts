import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '@jobgraph/kit';
import { schemaPath, startAssistant } from './start.ts';

export type { Database as AssistantDatabase } from './db/types.ts';

export const assistant: SubgraphModule = {
  name: 'assistant',
  defaultPort: 4004,
  schemaPath,
  migrationFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  start: startAssistant,
};
