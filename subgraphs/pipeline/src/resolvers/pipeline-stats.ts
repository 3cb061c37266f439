import type { DbStatsPeriod, PipelineStatSnapshot } from '../db/types.ts';
import { periodStart, statRates } from '../domain/pipeline-stats.ts';
import type { PipelineDeps } from '../domain/deps.ts';
import type { ApplicationSource, PipelineStatsRow, StatsPeriod, UserResolvers } from '../generated/resolvers.ts';
import { requireTrackerReader } from './viewer.ts';

const empty = { active_applications: 0, applications: 0, responded: 0, interviewed: 0, offered: 0, days_to_first_response_sum: 0 };

function row(snapshot: Pick<PipelineStatSnapshot, keyof typeof empty | 'source'>): PipelineStatsRow {
  const source = snapshot.source === 'all' || snapshot.source === 'none' ? null : (snapshot.source.toUpperCase() as ApplicationSource);
  return { source, ...statRates(snapshot) };
}

/** `User.pipelineStats`: the stored snapshot of the period, zeros when nothing happened in it. */
export function pipelineStatsResolvers(deps: PipelineDeps): UserResolvers {
  return {
    pipelineStats: async (user, { period, at }, { principal }) => {
      requireTrackerReader(principal, user.id);
      const dbPeriod = period.toLowerCase() as DbStatsPeriod;
      const start = periodStart(dbPeriod, at ?? new Date());
      const snapshots = await deps.db
        .selectFrom('pipeline_stat_snapshots')
        .selectAll()
        .where('user_id', '=', user.id.toLowerCase())
        .where('period', '=', dbPeriod)
        .where('period_start', '=', start)
        .orderBy('source')
        .execute();
      const total = snapshots.find((s) => s.source === 'all');
      return {
        period: period as StatsPeriod,
        periodStart: start,
        total: row(total ?? { ...empty, source: 'all' }),
        bySource: snapshots.filter((s) => s.source !== 'all').map(row),
        computedAt: total?.computed_at ?? null,
      };
    },
  };
}
