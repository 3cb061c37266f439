import type { SubgraphModule } from '@jobgraph/kit';
import { identity } from '@jobgraph/identity';
import { catalog } from '@jobgraph/catalog';
import { pipeline } from '@jobgraph/pipeline';
import { assistant } from '@jobgraph/assistant';
import { billing } from '@jobgraph/billing';

/** Every subgraph, in the order the gateway lists them. */
export const subgraphModules: readonly SubgraphModule[] = [identity, catalog, pipeline, assistant, billing];
