import { defineEvent } from '../events/cloud-event.ts';

export const pipelineApplicationTopic = 'pipeline.application.v1';
export const pipelineTaskTopic = 'pipeline.task.v1';
const application = { domain: 'pipeline', topic: pipelineApplicationTopic };

export type StageKind = 'wishlist' | 'applied' | 'screening' | 'interview' | 'offer' | 'hired' | 'rejected' | 'withdrawn';

export interface ApplicationCreatedData {
  readonly applicationId: string;
  readonly userId: string;
  readonly jobListingId: string | null;
  readonly stageId: string;
  readonly stageKind: StageKind;
  readonly appliedAt: string;
}
export const ApplicationCreated = defineEvent<ApplicationCreatedData>()('jobgraph.pipeline.application.created.v1', application);

export interface ApplicationStageChangedData {
  readonly applicationId: string;
  readonly userId: string;
  readonly jobListingId: string | null;
  readonly fromStageId: string | null;
  readonly fromStageKind: StageKind | null;
  readonly toStageId: string;
  readonly toStageKind: StageKind;
  readonly changedAt: string;
}
export const ApplicationStageChanged = defineEvent<ApplicationStageChangedData>()('jobgraph.pipeline.application.stage-changed.v1', application);

export interface TaskCreatedData {
  readonly taskId: string;
  readonly userId: string;
  readonly applicationId: string | null;
  readonly kind: string;
  readonly dueAt: string | null;
}
export const TaskCreated = defineEvent<TaskCreatedData>()('jobgraph.pipeline.task.created.v1', { domain: 'pipeline', topic: pipelineTaskTopic });

export interface TaskCompletedData {
  readonly taskId: string;
  readonly userId: string;
  readonly applicationId: string | null;
  readonly completedAt: string;
}
/** A task was marked done (once: completing it again changes nothing and publishes nothing). */
export const TaskCompleted = defineEvent<TaskCompletedData>()('jobgraph.pipeline.task.completed.v1', { domain: 'pipeline', topic: pipelineTaskTopic });
// ---- Email ingestion (issue 9, PI-28) ----

export const pipelineInboundEmailTopic = 'pipeline.inbound-email.v1';
const inboundEmail = { domain: 'pipeline', topic: pipelineInboundEmailTopic };

export type InboundEmailClass = 'confirmation' | 'rejection' | 'interview' | 'offer' | 'assessment' | 'unrelated';
export type InboundEmailStatus = 'applied' | 'needs_review' | 'dismissed' | 'refused';

/** A message reached a forwarding address and was recorded: refused, dismissed, waiting for review or applied. No sender, subject or text. */
export interface InboundEmailProcessedData {
  readonly inboundEmailId: string;
  readonly userId: string;
  readonly provider: 'postmark' | 'mailgun' | 'raw';
  readonly classification: InboundEmailClass | null;
  readonly confidence: number | null;
  readonly status: InboundEmailStatus;
  readonly applicationId: string | null;
  readonly receivedAt: string;
}
export const InboundEmailProcessed = defineEvent<InboundEmailProcessedData>()('jobgraph.pipeline.inbound-email.processed.v1', inboundEmail);

/** The user confirmed (applied) or dismissed a message that waited for review. */
export interface InboundEmailReviewedData {
  readonly inboundEmailId: string;
  readonly userId: string;
  readonly classification: InboundEmailClass;
  readonly status: 'applied' | 'dismissed';
  readonly applicationId: string | null;
  readonly reviewedAt: string;
}
export const InboundEmailReviewed = defineEvent<InboundEmailReviewedData>()('jobgraph.pipeline.inbound-email.reviewed.v1', inboundEmail);
// --- Billing's contract for referral hires (defined by billing, published by pipeline) ---
export const pipelineReferralTopic = 'pipeline.referral.v1';

/**
 * A candidate a recruiter referred was hired: billing owes the recruiter a commission of
 * `commissionCents` (pending until an admin approves it). Keyed by application id.
 */
export interface ReferralHiredData {
  readonly referralId: string;
  readonly applicationId: string;
  readonly recruiterId: string;
  readonly candidateUserId: string;
  readonly companyId: string;
  readonly jobListingId: string | null;
  readonly commissionCents: number;
  readonly currency: string;
  readonly hiredAt: string;
}
export const ReferralHired = defineEvent<ReferralHiredData>()('jobgraph.pipeline.referral.hired.v1', { domain: 'pipeline', topic: pipelineReferralTopic });
// --- end of billing's referral contract ---
// ---- h8 (issue 8): application details, trash, stages ----

export const pipelineStageTopic = 'pipeline.stage.v1';
const stage = { domain: 'pipeline', topic: pipelineStageTopic };

/** An application's details were edited. `fields` names the columns that were written (never their text). */
export interface ApplicationUpdatedData {
  readonly applicationId: string;
  readonly userId: string;
  readonly jobListingId: string | null;
  readonly fields: readonly string[];
  readonly source: string | null;
  readonly appliedAt: string | null;
  readonly employerRespondedAt: string | null;
  readonly updatedAt: string;
}
export const ApplicationUpdated = defineEvent<ApplicationUpdatedData>()('jobgraph.pipeline.application.updated.v1', application);

/** An application went to the trash (restorable for 30 days) or came back from it. */
export interface ApplicationTrashData {
  readonly applicationId: string;
  readonly userId: string;
  readonly jobListingId: string | null;
  readonly at: string;
}
export const ApplicationDeleted = defineEvent<ApplicationTrashData>()('jobgraph.pipeline.application.deleted.v1', application);
export const ApplicationRestored = defineEvent<ApplicationTrashData>()('jobgraph.pipeline.application.restored.v1', application);

/** A deleted application was removed for good after its 30 days in the trash. */
export interface ApplicationPurgedData {
  readonly applicationId: string;
  readonly userId: string;
}
export const ApplicationPurged = defineEvent<ApplicationPurgedData>()('jobgraph.pipeline.application.purged.v1', application);

/** A user's stage as it stands after the change. The name is the user's own text and stays out. */
export interface ApplicationStageData {
  readonly stageId: string;
  readonly userId: string;
  readonly kind: StageKind;
  readonly position: number;
  readonly archivedAt: string | null;
}
export const ApplicationStageAdded = defineEvent<ApplicationStageData>()('jobgraph.pipeline.stage.added.v1', stage);
export const ApplicationStageUpdated = defineEvent<ApplicationStageData>()('jobgraph.pipeline.stage.updated.v1', stage);
export const ApplicationStageArchived = defineEvent<ApplicationStageData>()('jobgraph.pipeline.stage.archived.v1', stage);

/** A task was edited (by its owner); `fields` names the columns written, never the title. */
export interface TaskUpdatedData {
  readonly taskId: string;
  readonly userId: string;
  readonly applicationId: string | null;
  readonly kind: string;
  readonly priority: string;
  readonly fields: readonly string[];
  readonly dueAt: string | null;
}
export const TaskUpdated = defineEvent<TaskUpdatedData>()('jobgraph.pipeline.task.updated.v1', { domain: 'pipeline', topic: pipelineTaskTopic });

export interface TaskDeletedData {
  readonly taskId: string;
  readonly userId: string;
  readonly applicationId: string | null;
}
export const TaskDeleted = defineEvent<TaskDeletedData>()('jobgraph.pipeline.task.deleted.v1', { domain: 'pipeline', topic: pipelineTaskTopic });
// ---- h8 (issue 8): timeline notes, calendar ----

/** The user added, edited or deleted a note on an application's timeline. Never its text. */
export interface TimelineNoteData {
  readonly entryId: string;
  readonly applicationId: string;
  readonly userId: string;
  readonly occurredAt: string;
  readonly at: string;
}
export const TimelineNoteAdded = defineEvent<TimelineNoteData>()('jobgraph.pipeline.application.note-added.v1', application);
export const TimelineNoteEdited = defineEvent<TimelineNoteData>()('jobgraph.pipeline.application.note-edited.v1', application);
export const TimelineNoteDeleted = defineEvent<TimelineNoteData>()('jobgraph.pipeline.application.note-deleted.v1', application);

export const pipelineCalendarTopic = 'pipeline.calendar.v1';
const calendar = { domain: 'pipeline', topic: pipelineCalendarTopic };

export type CalendarEventKind = 'interview' | 'phone_screen' | 'assessment' | 'deadline' | 'offer_call' | 'other';

/** A calendar event as it stands after the change (kind and times; never its title, place, link or notes). */
export interface CalendarEventData {
  readonly eventId: string;
  readonly applicationId: string;
  readonly userId: string;
  readonly kind: CalendarEventKind;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly reminderMinutes: readonly number[];
}
export const CalendarEventScheduled = defineEvent<CalendarEventData>()('jobgraph.pipeline.calendar.event-scheduled.v1', calendar);
export const CalendarEventUpdated = defineEvent<CalendarEventData>()('jobgraph.pipeline.calendar.event-updated.v1', calendar);
export const CalendarEventDeleted = defineEvent<CalendarEventData>()('jobgraph.pipeline.calendar.event-deleted.v1', calendar);

/** A reminder fell due: `minutesBefore` the event's start. Published once per reminder and start time. */
export interface CalendarReminderDueData {
  readonly eventId: string;
  readonly applicationId: string;
  readonly userId: string;
  readonly kind: CalendarEventKind;
  readonly minutesBefore: number;
  readonly startsAt: string;
  readonly dueAt: string;
}
export const CalendarReminderDue = defineEvent<CalendarReminderDueData>()('jobgraph.pipeline.calendar.reminder-due.v1', calendar);

// ---- h8 (issue 8): outreach (PI-21) ----

export const pipelineOutreachTopic = 'pipeline.outreach.v1';
const outreach = { domain: 'pipeline', topic: pipelineOutreachTopic };

export type ContactChannel = 'email' | 'linkedin' | 'phone' | 'in_person' | 'other';

/** A contact as it stands after the change: ids and channel, never the name, role or profile. */
export interface OutreachContactData {
  readonly contactId: string;
  readonly applicationId: string;
  readonly userId: string;
  readonly channel: ContactChannel;
  readonly at: string;
}
export const OutreachContactAdded = defineEvent<OutreachContactData>()('jobgraph.pipeline.outreach.contact-added.v1', outreach);
export const OutreachContactUpdated = defineEvent<OutreachContactData>()('jobgraph.pipeline.outreach.contact-updated.v1', outreach);
export const OutreachContactDeleted = defineEvent<OutreachContactData>()('jobgraph.pipeline.outreach.contact-deleted.v1', outreach);

export type OutreachStatus = 'draft' | 'queued' | 'sent' | 'replied' | 'bounced';

/** A message's state after the change: never its subject or body. `fromStatus` is null when it was drafted. */
export interface OutreachMessageData {
  readonly messageId: string;
  readonly contactId: string;
  readonly applicationId: string;
  readonly userId: string;
  readonly fromStatus: OutreachStatus | null;
  readonly status: OutreachStatus;
  readonly at: string;
}
export const OutreachMessageDrafted = defineEvent<OutreachMessageData>()('jobgraph.pipeline.outreach.message-drafted.v1', outreach);
export const OutreachMessageEdited = defineEvent<OutreachMessageData>()('jobgraph.pipeline.outreach.message-edited.v1', outreach);
export const OutreachMessageStatusChanged = defineEvent<OutreachMessageData>()('jobgraph.pipeline.outreach.message-status-changed.v1', outreach);

// ---- h8 (issue 8): saved jobs and comparisons (PI-23, PI-24) ----

export const pipelineShortlistTopic = 'pipeline.shortlist.v1';
const shortlist = { domain: 'pipeline', topic: pipelineShortlistTopic };

/** A saved listing as it stands after the change (never the note). */
export interface SavedJobData {
  readonly savedJobId: string;
  readonly userId: string;
  readonly jobListingId: string;
  readonly priority: 'low' | 'medium' | 'high';
  readonly at: string;
}
export const JobSaved = defineEvent<SavedJobData>()('jobgraph.pipeline.shortlist.job-saved.v1', shortlist);
export const SavedJobUpdated = defineEvent<SavedJobData>()('jobgraph.pipeline.shortlist.saved-job-updated.v1', shortlist);
export const JobUnsaved = defineEvent<SavedJobData>()('jobgraph.pipeline.shortlist.job-unsaved.v1', shortlist);

/** A comparison set as it stands after the change: its listings in order (never its name). */
export interface ComparisonData {
  readonly comparisonId: string;
  readonly userId: string;
  readonly jobListingIds: readonly string[];
  readonly at: string;
}
export const ComparisonCreated = defineEvent<ComparisonData>()('jobgraph.pipeline.shortlist.comparison-created.v1', shortlist);
export const ComparisonUpdated = defineEvent<ComparisonData>()('jobgraph.pipeline.shortlist.comparison-updated.v1', shortlist);
export const ComparisonDeleted = defineEvent<ComparisonData>()('jobgraph.pipeline.shortlist.comparison-deleted.v1', shortlist);
