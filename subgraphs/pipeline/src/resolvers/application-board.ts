import { badUserInput, toConnection } from '@jobgraph/kit';
import type { BoardRow } from '../db/board.ts';
import { createDefaultStages } from '../domain/default-stages.ts';
import type { PipelineDeps } from '../domain/deps.ts';
import type { UserResolvers } from '../generated/resolvers.ts';
import { requireTrackerReader } from './viewer.ts';

const maxPerStage = 100;

/**
 * `User.applicationBoard`: stages, and each column's count and newest applications, from
 * two statements run side by side (the user's stages; one lateral page with counts),
 * whatever the board's size. The stages are the ones `Application.stage` reads too.
 */
export function applicationBoard(deps: PipelineDeps): NonNullable<UserResolvers['applicationBoard']> {
  return async (user, args, { principal, loaders }) => {
    requireTrackerReader(principal, user.id);
    const perStage = args.perStage ?? 20;
    if (!Number.isInteger(perStage) || perStage < 1 || perStage > maxPerStage) throw badUserInput(`\`perStage\` is between 1 and ${maxPerStage}.`, { argument: 'perStage' });
    const userId = user.id.toLowerCase();
    let [stages, rows] = await Promise.all([loaders.allStagesByUser.load(userId), loaders.boardRows(perStage).load(userId)]);
    // No stages yet means no applications either (each sits in a stage): the board is the default stages, empty.
    if (stages.length === 0 && (await createDefaultStages(deps, userId)) > 0) {
      loaders.allStagesByUser.clear(userId);
      stages = await loaders.allStagesByUser.load(userId);
    }
    const countOf = new Map<string, number>();
    const rowsOf = new Map<string, BoardRow[]>();
    for (const row of rows) {
      countOf.set(row.stage_id, row.stage_count);
      rowsOf.set(row.stage_id, [...(rowsOf.get(row.stage_id) ?? []), row]);
    }
    const columns = stages
      .filter((stage) => stage.archived_at === null || (countOf.get(stage.id) ?? 0) > 0)
      .map((stage) => {
        const connection = toConnection(rowsOf.get(stage.id) ?? [], { limit: perStage, after: null }, (row) => ({ key: row.cursor_key, id: row.id }));
        return { stage, count: countOf.get(stage.id) ?? 0, applications: { edges: [...connection.edges], pageInfo: connection.pageInfo } };
      });
    return { columns, totalCount: [...countOf.values()].reduce((sum, count) => sum + count, 0) };
  };
}
