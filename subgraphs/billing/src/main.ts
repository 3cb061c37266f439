import { runSubgraphMain } from '@jobgraph/kit';
import { billing } from './index.ts';

await runSubgraphMain(billing);
