import { sql, type Kysely } from 'kysely';
import type { Database, TimelineEntry } from './types.ts';

export interface TimelinePosition {
  /** occurred_at of the last entry seen, as exact microsecond UTC text. */
  readonly occurredKey: string;
  readonly id: string;
}

export interface TimelinePageQuery {
  readonly limit: number;
  readonly after: TimelinePosition | null;
}

export type TimelinePageRow = TimelineEntry & { readonly cursor_key: string };

const occurredKey = sql<string>`to_char(timeline_entries.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The same page of many applications' timelines in one statement, newest first (ties
 * by id), numbered per application and cut at `limit + 1`. Served along
 * `timeline_entries_application_idx`.
 */
export async function selectTimelinePages(db: Kysely<Database>, applicationIds: readonly string[], query: TimelinePageQuery): Promise<TimelinePageRow[]> {
  if (applicationIds.length === 0) return [];
  const { after } = query;
  const ranked = db
    .selectFrom('timeline_entries')
    .selectAll('timeline_entries')
    .select((eb) => [
      occurredKey.as('cursor_key'),
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.partitionBy('timeline_entries.application_id').orderBy('timeline_entries.occurred_at', 'desc').orderBy('timeline_entries.id', 'desc'))
        .as('rank'),
    ])
    .where('timeline_entries.application_id', 'in', applicationIds)
    .$if(after !== null, (qb) => qb.where(sql<boolean>`(timeline_entries.occurred_at, timeline_entries.id) < (${after?.occurredKey}::timestamptz, ${after?.id}::uuid)`));
  const rows = await db.selectFrom(ranked.as('ranked')).selectAll().where('rank', '<=', query.limit + 1).orderBy('application_id').orderBy('rank').execute();
  return rows.map(({ rank: _rank, ...row }) => row);
}
