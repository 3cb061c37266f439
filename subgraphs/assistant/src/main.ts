import { runSubgraphMain } from '@jobgraph/kit';
import { assistant } from './index.ts';

await runSubgraphMain(assistant);
