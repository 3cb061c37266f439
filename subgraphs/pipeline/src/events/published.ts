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
  pendingEvent,
  type PendingEvent,
} from '@jobgraph/kit';
import type { Application, ApplicationStage, ApplicationStageChange, Task } from '../db/types.ts';

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
