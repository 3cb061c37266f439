import { badUserInput, toConnection } from '@jobgraph/kit';
import type { ApplicationPageRow } from '../db/application-pages.ts';
import { createDefaultStages } from '../domain/default-stages.ts';
import type { PipelineDeps } from '../domain/deps.ts';
import type { UserResolvers } from '../generated/resolvers.ts';
import { requireTrackerReader } from './viewer.ts';

const maxPerStage = 100;

/**
 * `User.applicationBoard`: stages, counts and each column's newest applications from three
 * statements (stages, grouped counts, one lateral page), whatever the board's size.
 */
export function applicationBoard(deps: PipelineDeps): NonNullable<UserResolvers['applicationBoard']> {
  return async (user, args, { principal, loaders }) => {
    requireTrackerReader(principal, user.id);
    const perStage = args.perStage ?? 20;
    if (!Number.isInteger(perStage) || perStage < 1 || perStage > maxPerStage) throw badUserInput(`\`perStage\` is between 1 and ${maxPerStage}.`, { argument: 'perStage' });
    const userId = user.id.toLowerCase();
    let stages = await loaders.allStagesByUser.load(userId);
    if (stages.length === 0 && (await createDefaultStages(deps, userId)) > 0) {
      loaders.allStagesByUser.clear(userId);
      stages = await loaders.allStagesByUser.load(userId);
    }
    const [counts, rows] = await Promise.all([loaders.stageCountsByUser.load(userId), loaders.boardRows(perStage).load(userId)]);
    const countOf = new Map(counts.map((c) => [c.stage_id, c.count]));
    const rowsOf = new Map<string, ApplicationPageRow[]>();
    for (const row of rows) rowsOf.set(row.stage_id, [...(rowsOf.get(row.stage_id) ?? []), row]);
    const columns = stages
      .filter((stage) => stage.archived_at === null || (countOf.get(stage.id) ?? 0) > 0)
      .map((stage) => {
        const connection = toConnection(rowsOf.get(stage.id) ?? [], { limit: perStage, after: null }, (row) => ({ key: row.cursor_key, id: row.id }));
        return { stage, count: countOf.get(stage.id) ?? 0, applications: { edges: [...connection.edges], pageInfo: connection.pageInfo } };
      });
    return { columns, totalCount: counts.reduce((sum, c) => sum + c.count, 0) };
  };
}
