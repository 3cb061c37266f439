import { runSubgraphMain } from '@jobgraph/kit';
import { identity } from './index.ts';

await runSubgraphMain(identity);
