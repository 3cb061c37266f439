import { toConnection, parsePage, badUserInput, isUuid, type Cursor } from '@jobgraph/kit';
import type { TimelinePageQuery, TimelinePosition } from '../../db/timeline-pages.ts';
import { mayReadNotesOf } from '../../domain/access.ts';
import { isEditableEntry, readTimelinePayload } from '../../domain/timeline-payload.ts';
import type {
  ApplicationResolvers,
  CalendarEventKind,
  EmailClassification,
  FollowUpReason,
  TimelineAuthor,
  TimelineEmailResolvers,
  TimelineEntryKind,
  TimelineEntryResolvers,
  TimelineFollowUpResolvers,
  TimelineInterviewResolvers,
  TimelineNoteResolvers,
  TimelineOfferResolvers,
  TimelinePayloadResolvers,
  TimelineStageChangeResolvers,
} from '../../generated/resolvers.ts';
import type { TimelinePayloadParent } from './parents.ts';

const microsecondTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function timelinePosition(cursor: Cursor): TimelinePosition {
  const key = cursor.key;
  if (typeof key !== 'string' || !microsecondTimestamp.test(key) || Number.isNaN(Date.parse(key)) || !isUuid(cursor.id)) {
    throw badUserInput('`after` is not a cursor this API issued.', { argument: 'after' });
  }
  return { occurredKey: key, id: cursor.id.toLowerCase() };
}

/** `Application.timeline`: the owner's only; anyone else (an employer reading an applicant) gets null. */
export const applicationTimeline: NonNullable<ApplicationResolvers['timeline']> = async (application, args, { principal, loaders }) => {
  if (!mayReadNotesOf(principal, { userId: application.user_id })) return null;
  const page = parsePage(args);
  const query: TimelinePageQuery = { limit: page.limit, after: page.after === null ? null : timelinePosition(page.after) };
  const rows = await loaders.timelinePages(query).load(application.id);
  const connection = toConnection(rows, page, (row) => ({ key: row.cursor_key, id: row.id }));
  return { edges: [...connection.edges], pageInfo: connection.pageInfo };
};

export const TimelineEntry: TimelineEntryResolvers = {
  kind: (entry) => entry.kind.toUpperCase() as TimelineEntryKind,
  author: (entry) => entry.author.toUpperCase() as TimelineAuthor,
  occurredAt: (entry) => entry.occurred_at,
  createdAt: (entry) => entry.created_at,
  editedAt: (entry) => entry.edited_at,
  editable: (entry) => isEditableEntry(entry),
  payload: (entry): TimelinePayloadParent => {
    const payload = readTimelinePayload(entry.kind, entry.payload);
    if (payload === null) throw new Error(`timeline entry ${entry.id} has a ${entry.kind} payload of the wrong shape`);
    return { kind: entry.kind, payload } as TimelinePayloadParent;
  },
};

const typeNames = {
  note: 'TimelineNote',
  stage_change: 'TimelineStageChange',
  interview: 'TimelineInterview',
  offer: 'TimelineOffer',
  follow_up: 'TimelineFollowUp',
  email: 'TimelineEmail',
} as const;

export const TimelinePayload: TimelinePayloadResolvers = {
  __resolveType: (parent) => typeNames[parent.kind],
};

export const TimelineNote: TimelineNoteResolvers = { text: (parent) => parent.payload.text };

export const TimelineStageChange: TimelineStageChangeResolvers = {
  fromStage: (parent, _args, { loaders }) => (parent.payload.fromStageId === null ? null : loaders.stageById.load(parent.payload.fromStageId)),
  toStage: async (parent, _args, { loaders }) => {
    const stage = await loaders.stageById.load(parent.payload.toStageId);
    if (!stage) throw new Error(`stage ${parent.payload.toStageId} of a timeline entry is gone`);
    return stage;
  },
  note: (parent) => parent.payload.note,
};

export const TimelineInterview: TimelineInterviewResolvers = {
  event: (parent, _args, { loaders }) => loaders.calendarEventById.load(parent.payload.calendarEventId),
  eventKind: (parent) => parent.payload.eventKind.toUpperCase() as CalendarEventKind,
  startsAt: (parent) => new Date(parent.payload.startsAt),
  endsAt: (parent) => new Date(parent.payload.endsAt),
};

export const TimelineOffer: TimelineOfferResolvers = { salary: (parent) => parent.payload.salary };

export const TimelineFollowUp: TimelineFollowUpResolvers = {
  task: (parent, _args, { loaders }) => loaders.taskById.load(parent.payload.taskId),
  dueAt: (parent) => (parent.payload.dueAt === null ? null : new Date(parent.payload.dueAt)),
  reason: (parent) => parent.payload.reason.toUpperCase() as FollowUpReason,
};

export const TimelineEmail: TimelineEmailResolvers = {
  inboundEmail: (parent, _args, { loaders }) => (parent.payload.inboundEmailId === null ? null : loaders.inboundEmailById.load(parent.payload.inboundEmailId)),
  classification: (parent) => parent.payload.classification.toUpperCase() as EmailClassification,
  confidence: (parent) => parent.payload.confidence,
  subject: (parent) => parent.payload.subject,
  effect: (parent) => parent.payload.effect,
};

