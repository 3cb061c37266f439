import { runSubgraphMain } from '@jobgraph/kit';
import { pipeline } from './index.ts';

await runSubgraphMain(pipeline);
