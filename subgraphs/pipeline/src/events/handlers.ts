import {
  ApplicationCreated,
  ApplicationDeleted,
  ApplicationPurged,
  ApplicationRestored,
  ApplicationStageChanged,
  ApplicationUpdated,
  CompanyCreated,
  CompanyMemberAdded,
  CompanyMemberRemoved,
  JobClosed,
  JobListingDrafted,
  JobPosted,
  JobUpdated,
  UserErased,
  UserRegistered,
  on,
  type CloudEvent,
  type EventDefinition,
  type EventHandler,
  type HandlerRegistration,
  type JobListingSnapshot,
} from '@jobgraph/kit';
import type { Database } from '../db/types.ts';
import { projectCompanyName, projectListing, projectMemberAdded, projectMemberRemoved } from '../db/projections.ts';
import { createFollowUpTask } from '../domain/create-follow-up-task.ts';
import { ensureDefaultStages } from '../domain/default-stages.ts';
import { forgetUser } from '../domain/forget-user.ts';
import { refreshStatsAfter } from '../db/stats.ts';

/** Binds a handler to pipeline's database type. */
const handle = <Type extends string, Data>(definition: EventDefinition<Type, Data>, handler: EventHandler<Database, Data>): HandlerRegistration<Database> => on(definition, handler);

/** When the event happened, as its envelope says: the version of the projection row it writes. */
const timeOf = (event: CloudEvent): Date => new Date(event.time);

const projectListingEvent: EventHandler<Database, JobListingSnapshot> = (trx, event) =>
  projectListing(trx, { listingId: event.data.listingId, companyId: event.data.companyId, title: event.data.title, status: event.data.status, snapshot: { ...event.data } }, timeOf(event));

/**
 * What pipeline does with the events it consumes (group `jobgraph.pipeline`). Each runs
 * in the consumer's transaction that also records the event in the inbox, so a
 * redelivered event has no second effect.
 */
export function pipelineEventHandlers(): readonly HandlerRegistration<Database>[] {
  return [
    // identity
    handle(UserRegistered, async (trx, event) => void (await ensureDefaultStages(trx, event.data.userId))),
    handle(UserErased, (trx, event) => forgetUser(trx, event.data.userId)),
    // catalog: the projections that let an employer see applicants
    handle(CompanyCreated, (trx, event) => projectCompanyName(trx, event.data, timeOf(event))),
    handle(CompanyMemberAdded, (trx, event) => projectMemberAdded(trx, event.data, timeOf(event))),
    handle(CompanyMemberRemoved, (trx, event) => projectMemberRemoved(trx, event.data, timeOf(event))),
    handle(JobListingDrafted, projectListingEvent),
    handle(JobPosted, projectListingEvent),
    handle(JobUpdated, projectListingEvent),
    handle(JobClosed, projectListingEvent),
    // pipeline's own: a stage change calls for a follow-up task
    // h8: and every change of an application recomputes its owner's analytics snapshots (PI-29)
    handle(ApplicationStageChanged, async (trx, event) => {
      await createFollowUpTask(trx, event.data);
      await refreshStatsAfter(trx, event.data.userId, event.data.applicationId);
    }),
    // h8: so does the stage an application was created in (one created straight into APPLIED gets its follow-up)
    handle(ApplicationCreated, async (trx, event) => {
      const { applicationId, userId, stageKind, appliedAt } = event.data;
      await createFollowUpTask(trx, { applicationId, userId, toStageKind: stageKind, changedAt: appliedAt });
      await refreshStatsAfter(trx, userId, applicationId);
    }),
    handle(ApplicationUpdated, (trx, event) => refreshStatsAfter(trx, event.data.userId, event.data.applicationId)),
    handle(ApplicationDeleted, (trx, event) => refreshStatsAfter(trx, event.data.userId, event.data.applicationId)),
    handle(ApplicationRestored, (trx, event) => refreshStatsAfter(trx, event.data.userId, event.data.applicationId)),
    handle(ApplicationPurged, (trx, event) => refreshStatsAfter(trx, event.data.userId, event.data.applicationId)),
  ];
}
