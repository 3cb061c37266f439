import type { DbStageKind } from '../db/types.ts';
import type { ApplicationStageKind } from '../generated/resolvers.ts';

export const toStageKind = (kind: DbStageKind): ApplicationStageKind => kind.toUpperCase() as ApplicationStageKind;
export const fromStageKind = (kind: ApplicationStageKind): DbStageKind => kind.toLowerCase() as DbStageKind;
