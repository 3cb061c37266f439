import {
  ApplicationCreated,
  ApplicationDeleted,
  ApplicationPurged,
  ApplicationRestored,
  ApplicationStageAdded,
  ApplicationStageArchived,
  ApplicationStageChanged,
  ApplicationStageUpdated,
  ApplicationUpdated,
  TaskCreated,
  TaskDeleted,
  TaskUpdated,
  CalendarEventDeleted,
  CalendarEventScheduled,
  CalendarEventUpdated,
  CalendarReminderDue,
  TimelineNoteAdded,
  TimelineNoteDeleted,
  TimelineNoteEdited,
  OutreachContactAdded,
  OutreachContactDeleted,
  OutreachContactUpdated,
  OutreachMessageDrafted,
  OutreachMessageEdited,
  OutreachMessageStatusChanged,
  ComparisonCreated,
  ComparisonDeleted,
  ComparisonUpdated,
  JobSaved,
  JobUnsaved,
  SavedJobUpdated,
  pendingEvent,
  type PendingEvent,
} from '@jobgraph/kit';
import type { Application, ApplicationStage, ApplicationStageChange, CalendarEvent, Comparison, OutreachContact, OutreachMessage, SavedJob, Task, TimelineEntry } from '../db/types.ts';

/**
 * The events pipeline publishes, built from the rows a change wrote. Each is keyed by its
 * aggregate's id (application or task), so one aggregate's events stay in order. They
 * carry ids, states and times: never notes, titles typed by the user, or contact data.
 */

export function applicationCreated(application: Application, stage: ApplicationStage): PendingEvent {
  return pendingEvent(ApplicationCreated, application.id, {
    applicationId: application.id,
    userId: application.user_id,
    jobListingId: application.job_listing_id,
    stageId: stage.id,
    stageKind: stage.kind,
    appliedAt: (application.applied_at ?? application.created_at).toISOString(),
  });
}

export function applicationStageChanged(
  application: Application,
  from: Pick<ApplicationStage, 'id' | 'kind'> | null,
  to: ApplicationStage,
  change: ApplicationStageChange,
): PendingEvent {
  return pendingEvent(ApplicationStageChanged, application.id, {
    applicationId: application.id,
    userId: application.user_id,
    jobListingId: application.job_listing_id,
    fromStageId: from?.id ?? null,
    fromStageKind: from?.kind ?? null,
    toStageId: to.id,
    toStageKind: to.kind,
    changedAt: change.changed_at.toISOString(),
  });
}

export function taskCreated(task: Task): PendingEvent {
  return pendingEvent(TaskCreated, task.id, {
    taskId: task.id,
    userId: task.user_id,
    applicationId: task.application_id,
    kind: task.kind,
    dueAt: task.due_at?.toISOString() ?? null,
  });
}

// ---- h8 (issue 8): application details, trash, stages ----

export function applicationUpdated(application: Application, fields: readonly string[]): PendingEvent {
  return pendingEvent(ApplicationUpdated, application.id, {
    applicationId: application.id,
    userId: application.user_id,
    jobListingId: application.job_listing_id,
    fields: [...fields].sort(),
    source: application.source,
    appliedAt: application.applied_at?.toISOString() ?? null,
    employerRespondedAt: application.employer_responded_at?.toISOString() ?? null,
    updatedAt: application.updated_at.toISOString(),
  });
}

export function applicationDeleted(application: Application): PendingEvent {
  return pendingEvent(ApplicationDeleted, application.id, { applicationId: application.id, userId: application.user_id, jobListingId: application.job_listing_id, at: (application.deleted_at ?? application.updated_at).toISOString() });
}

export function applicationRestored(application: Application): PendingEvent {
  return pendingEvent(ApplicationRestored, application.id, { applicationId: application.id, userId: application.user_id, jobListingId: application.job_listing_id, at: application.updated_at.toISOString() });
}

export function applicationPurged(applicationId: string, userId: string): PendingEvent {
  return pendingEvent(ApplicationPurged, applicationId, { applicationId, userId });
}

type StageDefinition = typeof ApplicationStageAdded | typeof ApplicationStageUpdated | typeof ApplicationStageArchived;

export function stageEvent(definition: StageDefinition, stage: ApplicationStage): PendingEvent {
  return pendingEvent(definition, stage.id, {
    stageId: stage.id,
    userId: stage.user_id,
    kind: stage.kind,
    position: stage.position,
    archivedAt: stage.archived_at?.toISOString() ?? null,
  });
}

export function taskUpdated(task: Task, fields: readonly string[]): PendingEvent {
  return pendingEvent(TaskUpdated, task.id, {
    taskId: task.id,
    userId: task.user_id,
    applicationId: task.application_id,
    kind: task.kind,
    priority: task.priority,
    fields: [...fields].sort(),
    dueAt: task.due_at?.toISOString() ?? null,
  });
}

export function taskDeleted(task: Task): PendingEvent {
  return pendingEvent(TaskDeleted, task.id, { taskId: task.id, userId: task.user_id, applicationId: task.application_id });
}

// ---- h8 (issue 8): timeline notes, calendar ----

type NoteDefinition = typeof TimelineNoteAdded | typeof TimelineNoteEdited | typeof TimelineNoteDeleted;

export function timelineNoteEvent(definition: NoteDefinition, entry: TimelineEntry, at: Date = new Date()): PendingEvent {
  return pendingEvent(definition, entry.application_id, {
    entryId: entry.id,
    applicationId: entry.application_id,
    userId: entry.user_id,
    occurredAt: entry.occurred_at.toISOString(),
    at: at.toISOString(),
  });
}

type CalendarDefinition = typeof CalendarEventScheduled | typeof CalendarEventUpdated | typeof CalendarEventDeleted;

export function calendarEventEvent(definition: CalendarDefinition, event: CalendarEvent): PendingEvent {
  return pendingEvent(definition, event.id, {
    eventId: event.id,
    applicationId: event.application_id,
    userId: event.user_id,
    kind: event.kind,
    startsAt: event.starts_at.toISOString(),
    endsAt: event.ends_at.toISOString(),
    reminderMinutes: [...event.reminder_minutes],
  });
}

export function calendarReminderDue(event: Pick<CalendarEvent, 'id' | 'application_id' | 'user_id' | 'kind' | 'starts_at'>, minutesBefore: number): PendingEvent {
  return pendingEvent(CalendarReminderDue, event.id, {
    eventId: event.id,
    applicationId: event.application_id,
    userId: event.user_id,
    kind: event.kind,
    minutesBefore,
    startsAt: event.starts_at.toISOString(),
    dueAt: new Date(event.starts_at.getTime() - minutesBefore * 60_000).toISOString(),
  });
}

// ---- h8 (issue 8): outreach ----

type ContactDefinition = typeof OutreachContactAdded | typeof OutreachContactUpdated | typeof OutreachContactDeleted;

export function outreachContactEvent(definition: ContactDefinition, contact: OutreachContact, at: Date = new Date()): PendingEvent {
  return pendingEvent(definition, contact.id, { contactId: contact.id, applicationId: contact.application_id, userId: contact.user_id, channel: contact.channel, at: at.toISOString() });
}

type MessageDefinition = typeof OutreachMessageDrafted | typeof OutreachMessageEdited | typeof OutreachMessageStatusChanged;

export function outreachMessageEvent(definition: MessageDefinition, message: OutreachMessage, fromStatus: OutreachMessage['status'] | null): PendingEvent {
  return pendingEvent(definition, message.id, {
    messageId: message.id,
    contactId: message.contact_id,
    applicationId: message.application_id,
    userId: message.user_id,
    fromStatus,
    status: message.status,
    at: message.updated_at.toISOString(),
  });
}

// ---- h8 (issue 8): saved jobs and comparisons ----

type SavedJobDefinition = typeof JobSaved | typeof SavedJobUpdated | typeof JobUnsaved;

export function savedJobEvent(definition: SavedJobDefinition, saved: SavedJob, at: Date = new Date()): PendingEvent {
  return pendingEvent(definition, saved.id, { savedJobId: saved.id, userId: saved.user_id, jobListingId: saved.job_listing_id, priority: saved.priority, at: at.toISOString() });
}

type ComparisonDefinition = typeof ComparisonCreated | typeof ComparisonUpdated | typeof ComparisonDeleted;

export function comparisonEvent(definition: ComparisonDefinition, comparison: Comparison, jobListingIds: readonly string[], at: Date = new Date()): PendingEvent {
  return pendingEvent(definition, comparison.id, { comparisonId: comparison.id, userId: comparison.user_id, jobListingIds: [...jobListingIds], at: at.toISOString() });
}
