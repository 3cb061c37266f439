import type { Kysely } from 'kysely';
import type { Database, DbTimelineAuthor, DbTimelineKind, TimelineEntry } from '../db/types.ts';
import { timelinePayload, type TimelinePayloads } from './timeline-payload.ts';

export interface TimelineWrite<K extends DbTimelineKind> {
  readonly applicationId: string;
  readonly userId: string;
  readonly kind: K;
  readonly author: DbTimelineAuthor;
  readonly payload: TimelinePayloads[K];
  /** When it happened; now when absent. */
  readonly occurredAt?: Date;
}

/** Appends entries to applications' timelines in the caller's transaction, each payload checked against its kind. */
export async function appendTimeline(trx: Kysely<Database>, entries: readonly TimelineWrite<DbTimelineKind>[]): Promise<TimelineEntry[]> {
  if (entries.length === 0) return [];
  return trx
    .insertInto('timeline_entries')
    .values(
      entries.map((entry) => ({
        application_id: entry.applicationId,
        user_id: entry.userId,
        kind: entry.kind,
        author: entry.author,
        payload: JSON.stringify(timelinePayload(entry.kind, entry.payload)),
        ...(entry.occurredAt ? { occurred_at: entry.occurredAt } : {}),
      })),
    )
    .returningAll()
    .execute();
}

/** Typed helper for one entry. */
export function timelineEntry<K extends DbTimelineKind>(entry: TimelineWrite<K>): TimelineWrite<DbTimelineKind> {
  return entry as TimelineWrite<DbTimelineKind>;
}

type StageRef = { readonly id: string; readonly kind: TimelinePayloads['stage_change']['toStageKind'] };

/**
 * What a stage change writes to the timeline: the change itself, and an offer entry when
 * the application enters a stage of kind OFFER (with the salary the application names).
 */
export function stageChangeEntries(
  application: { readonly id: string; readonly user_id: string; readonly salary_min_cents: string | number | null; readonly salary_max_cents: string | number | null; readonly salary_currency: string | null },
  change: { readonly id: string; readonly note: string | null; readonly changed_at: Date },
  from: StageRef | null,
  to: StageRef,
  author: DbTimelineAuthor,
): TimelineWrite<DbTimelineKind>[] {
  const base = { applicationId: application.id, userId: application.user_id, author, occurredAt: change.changed_at };
  const entries: TimelineWrite<DbTimelineKind>[] = [
    timelineEntry({
      ...base,
      kind: 'stage_change',
      payload: { stageChangeId: change.id, fromStageId: from?.id ?? null, fromStageKind: from?.kind ?? null, toStageId: to.id, toStageKind: to.kind, note: change.note },
    }),
  ];
  if (to.kind === 'offer' && from?.kind !== 'offer') {
    const { salary_min_cents: min, salary_max_cents: max, salary_currency: currency } = application;
    const salary = currency === null ? null : { minCents: min === null ? null : Number(min), maxCents: max === null ? null : Number(max), currency };
    entries.push(timelineEntry({ ...base, kind: 'offer', payload: { stageId: to.id, salary } }));
  }
  return entries;
}
