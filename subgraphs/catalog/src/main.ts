import { runSubgraphMain } from '@jobgraph/kit';
import { catalog } from './index.ts';

await runSubgraphMain(catalog);
