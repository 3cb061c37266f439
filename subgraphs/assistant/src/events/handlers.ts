import {
  ApplicationCreated,
  ApplicationDeleted,
  ApplicationPurged,
  ApplicationRestored,
  CareerProfileCreated,
  CareerProfileUpdated,
  CompanyMemberAdded,
  CompanyMemberRemoved,
  CompanyMemberRoleChanged,
  JobClosed,
  JobListingDrafted,
  JobPosted,
  JobUpdated,
  UserErased,
  UserRegistered,
  assistantCareerProfileTopic,
  assistantDocumentTopic,
  assistantJobDescriptionTopic,
  assistantResumeVersionTopic,
  on,
  type EventHandler,
  type HandlerRegistration,
  type JobListingSnapshot,
} from '@jobgraph/kit';
import type { Database } from '../db/types.ts';
import { createCareerProfile } from '../domain/create-career-profile.ts';
import { forgetUser } from '../domain/forget-user.ts';
import { recomputeFitForListing, recomputeFitForUser } from '../domain/fit/fit-store.ts';
import { projectListing } from '../domain/listing-features.ts';
import { projectApplicationCreated, projectApplicationPurged, projectApplicationTrashed } from '../domain/application-owners.ts';
import { projectMember, projectMemberRemoved } from '../domain/discovery/company-members.ts';
import { unlinkApplication } from '../domain/job-descriptions/job-descriptions.ts';

/** The topics the assistant's outbox publishes to. */
export const assistantPublishes = [assistantCareerProfileTopic, assistantDocumentTopic, assistantJobDescriptionTopic, assistantResumeVersionTopic] as const;

/** Every listing event carries the whole listing; the event's time orders the snapshots. */
const projectSnapshot: EventHandler<Database, JobListingSnapshot> = async (trx, event) => {
  if (await projectListing(trx, event.data, new Date(event.time))) await recomputeFitForListing(trx, event.data.listingId);
};

/**
 * What the assistant does when other domains speak. Each handler runs in the consumer's
 * transaction with the event id already in the inbox: its writes, its outbox rows and
 * the inbox row commit together or not at all.
 */
export const assistantHandlers: readonly HandlerRegistration<Database>[] = [
  on(UserRegistered, async (trx, event) => {
    await createCareerProfile(trx, event.data.userId);
  }),
  on(UserErased, async (trx, event) => {
    await forgetUser(trx, event.data.userId);
  }),
  on(JobListingDrafted, projectSnapshot),
  on(JobPosted, projectSnapshot),
  on(JobUpdated, projectSnapshot),
  on(JobClosed, projectSnapshot),
  // Catalog's company members: who may search candidates for a company (AS-21).
  on(CompanyMemberAdded, async (trx, event) => {
    await projectMember(trx, event.data, new Date(event.time));
  }),
  on(CompanyMemberRoleChanged, async (trx, event) => {
    await projectMember(trx, event.data, new Date(event.time));
  }),
  on(CompanyMemberRemoved, async (trx, event) => {
    await projectMemberRemoved(trx, event.data, new Date(event.time));
  }),
  // Pipeline's applications: whose each one is, so job descriptions link only to their owner's.
  on(ApplicationCreated, async (trx, event) => {
    await projectApplicationCreated(trx, event.data.applicationId, event.data.userId);
  }),
  on(ApplicationDeleted, async (trx, event) => {
    await projectApplicationTrashed(trx, event.data.applicationId, new Date(event.data.at));
  }),
  on(ApplicationRestored, async (trx, event) => {
    await projectApplicationTrashed(trx, event.data.applicationId, null);
  }),
  on(ApplicationPurged, async (trx, event) => {
    await projectApplicationPurged(trx, event.data.applicationId);
    await unlinkApplication(trx, event.data.applicationId);
  }),
  // The assistant's own profile events: fit scores follow the profile they were computed from.
  on(CareerProfileCreated, async (trx, event) => {
    await recomputeFitForUser(trx, event.data.userId);
  }),
  on(CareerProfileUpdated, async (trx, event) => {
    await recomputeFitForUser(trx, event.data.userId);
  }),
];
