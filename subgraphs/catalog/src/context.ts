import type { SubgraphContext } from '@jobgraph/kit';
import type { Database } from './db/types.ts';
import type { Loaders } from './loaders.ts';

export type Context = SubgraphContext<Database, Loaders>;
