import type { ApplicationStageResolvers } from '../generated/resolvers.ts';
import { toStageKind } from './stage-kind.ts';

export const ApplicationStage: ApplicationStageResolvers = {
  kind: (stage) => toStageKind(stage.kind),
  archivedAt: (stage) => stage.archived_at,
};
