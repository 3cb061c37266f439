import type { DbTaskKind } from '../db/types.ts';
import type { TaskKind } from '../generated/resolvers.ts';

export const toTaskKind = (kind: DbTaskKind): TaskKind => kind.toUpperCase() as TaskKind;
