import type { TimelinePayloads } from '../../domain/timeline-payload.ts';

/** What each TimelinePayload member resolves from: its kind's payload, tagged for `__resolveType`. */
export type TimelinePayloadParent = { readonly [K in keyof TimelinePayloads]: { readonly kind: K; readonly payload: TimelinePayloads[K] } }[keyof TimelinePayloads];
export type TimelineNoteParent = Extract<TimelinePayloadParent, { kind: 'note' }>;
export type TimelineStageChangeParent = Extract<TimelinePayloadParent, { kind: 'stage_change' }>;
export type TimelineInterviewParent = Extract<TimelinePayloadParent, { kind: 'interview' }>;
export type TimelineOfferParent = Extract<TimelinePayloadParent, { kind: 'offer' }>;
export type TimelineFollowUpParent = Extract<TimelinePayloadParent, { kind: 'follow_up' }>;
export type TimelineEmailParent = Extract<TimelinePayloadParent, { kind: 'email' }>;

/** The feed as a user sees it: never its token or hash. */
export interface CalendarFeedParent {
  readonly created_at: Date;
  readonly last_fetched_at: Date | null;
}
