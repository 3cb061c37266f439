import { toConnection } from '@jobgraph/kit';
import { createDefaultStages } from '../domain/default-stages.ts';
import type { PipelineDeps } from '../domain/deps.ts';
import type { UserResolvers } from '../generated/resolvers.ts';
import { applicationBoard } from './application-board.ts';
import { applicationPageQuery } from './application-page.ts';
import { taskPageQuery } from './task-page.ts';
import { requireTrackerReader } from './viewer.ts';

export function userResolvers(deps: PipelineDeps): UserResolvers {
  return {
    applications: async (user, args, { principal, loaders }) => {
      requireTrackerReader(principal, user.id);
      const query = applicationPageQuery(args);
      const userId = user.id.toLowerCase();
      // The user's stages, read beside the page (and shared with a board in the same request), answer
      // every `Application.stage` of the page without a statement of their own after it (loaders.stageRead).
      const [rows] = await Promise.all([loaders.applicationPages(query).load(userId), loaders.allStagesByUser.load(userId)]);
      const after = query.after && { key: query.after.createdAt, id: query.after.id };
      const connection = toConnection(rows, { limit: query.limit, after }, (row) => ({ key: row.cursor_key, id: row.id }));
      return { edges: [...connection.edges], pageInfo: connection.pageInfo };
    },
    applicationStages: async (user, _args, { principal, loaders }) => {
      requireTrackerReader(principal, user.id);
      const userId = user.id.toLowerCase();
      const stages = await loaders.activeStagesByUser.load(userId);
      if (stages.length > 0 || (await createDefaultStages(deps, userId)) === 0) return [...stages];
      loaders.activeStagesByUser.clear(userId);
      return [...(await loaders.activeStagesByUser.load(userId))];
    },
    // h8
    applicationBoard: applicationBoard(deps),
    tasks: async (user, args, { principal, loaders }) => {
      requireTrackerReader(principal, user.id);
      const query = taskPageQuery(args);
      const rows = await loaders.taskPages(query).load(user.id.toLowerCase());
      const after = query.after && { key: query.after.dueKey, id: query.after.id };
      const connection = toConnection(rows, { limit: query.limit, after }, (row) => ({ key: row.cursor_key, id: row.id }));
      return { edges: [...connection.edges], pageInfo: connection.pageInfo };
    },
  };
}
