import { sql, type Kysely } from 'kysely';
import { periodEnd, periodStart, type StatCounts } from '../domain/pipeline-stats.ts';
import type { Database, DbStatsPeriod } from './types.ts';

const answeredKinds = sql.raw(`('screening', 'interview', 'offer', 'hired', 'rejected')`);
const interviewedKinds = sql.raw(`('interview', 'offer', 'hired')`);
const offeredKinds = sql.raw(`('offer', 'hired')`);

/**
 * Recomputes one user's snapshot for one week or month (PI-29) from their applications
 * and the stage changes they went through: the period's cohort is the live applications
 * applied to within it; per source and for all sources (`all`). An application counts as
 * answered when it reached a stage past Applied or has an employer-response date, the
 * first answer being the earlier of the two. Replaces the period's rows in one statement pair.
 */
export async function recomputeStatSnapshot(trx: Kysely<Database>, userId: string, period: DbStatsPeriod, start: string): Promise<void> {
  const end = periodEnd(period, start);
  const { rows } = await sql<StatCounts & { source: string | null }>`
    with cohort as (
      select a.id, coalesce(a.source, 'none') as source, a.applied_at, a.employer_responded_at, s.kind as stage_kind
      from applications a join application_stages s on s.id = a.stage_id
      where a.user_id = ${userId}::uuid and a.deleted_at is null and s.kind <> 'wishlist'
        and a.applied_at >= ${start}::date and a.applied_at < ${end}::date
    ), reached as (
      select c.application_id,
        bool_or(s.kind in ${answeredKinds}) as answered,
        bool_or(s.kind in ${interviewedKinds}) as interviewed,
        bool_or(s.kind in ${offeredKinds}) as offered,
        min(c.changed_at) filter (where s.kind in ${answeredKinds}) as first_answer
      from application_stage_changes c join application_stages s on s.id = c.to_stage_id
      where c.application_id in (select id from cohort)
      group by c.application_id
    ), facts as (
      select cohort.source,
        cohort.stage_kind not in ('hired', 'rejected', 'withdrawn') as active,
        coalesce(r.answered, false) or cohort.employer_responded_at is not null as responded,
        coalesce(r.interviewed, false) as interviewed,
        coalesce(r.offered, false) as offered,
        greatest(extract(epoch from (least(r.first_answer, cohort.employer_responded_at) - cohort.applied_at)) / 86400, 0) as days
      from cohort left join reached r on r.application_id = cohort.id
    )
    select source,
      (count(*) filter (where active))::int as active_applications,
      count(*)::int as applications,
      (count(*) filter (where responded))::int as responded,
      (count(*) filter (where interviewed))::int as interviewed,
      (count(*) filter (where offered))::int as offered,
      coalesce(sum(days) filter (where responded), 0)::float8 as days_to_first_response_sum
    from facts
    group by grouping sets ((source), ())
  `.execute(trx);
  await trx.deleteFrom('pipeline_stat_snapshots').where('user_id', '=', userId).where('period', '=', period).where('period_start', '=', start).execute();
  // A period without applications keeps no row: an event that arrives after its user was erased writes nothing back.
  const kept = rows.filter((row) => row.applications > 0);
  if (kept.length === 0) return;
  await trx
    .insertInto('pipeline_stat_snapshots')
    .values(kept.map(({ source, ...counts }) => ({ user_id: userId, period, period_start: start, source: source ?? 'all', ...counts })))
    .execute();
}

/**
 * After an event about one of a user's applications: the week and month it was applied
 * in, and the current ones (where its activity shows), recomputed in the consumer's
 * transaction, so a redelivered event changes nothing.
 */
export async function refreshStatsAfter(trx: Kysely<Database>, userId: string, applicationId: string, now = new Date()): Promise<void> {
  const application = await trx.selectFrom('applications').select('applied_at').where('id', '=', applicationId).executeTakeFirst();
  const instants = [now, ...(application?.applied_at ? [application.applied_at] : [])];
  for (const period of ['week', 'month'] as const) {
    for (const start of new Set(instants.map((at) => periodStart(period, at)))) await recomputeStatSnapshot(trx, userId.toLowerCase(), period, start);
  }
}
