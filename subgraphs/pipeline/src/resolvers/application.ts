import type { ApplicationStage } from '../db/types.ts';
import { mayReadNotesOf } from '../domain/access.ts';
import type { Loaders } from '../loaders.ts';
import type { ApplicationResolvers } from '../generated/resolvers.ts';
import { referenceTo } from './entity-reference.ts';
import { applicationDetails } from './application-details.ts';

async function loadStage(loaders: Loaders, application: { readonly id: string; readonly stage_id: string }): Promise<ApplicationStage> {
  const stage = await loaders.stageById.load(application.stage_id);
  if (!stage) throw new Error(`stage ${application.stage_id} of application ${application.id} is not its owner's`);
  return stage;
}

/**
 * Every parent reaching these resolvers is an application the viewer may read (its owner,
 * or a member of the company whose listing it applies to); the owner's notes stay the owner's.
 */
export const Application: ApplicationResolvers = {
  /** An application the viewer may read, or null; any other id answers as if it did not exist. */
  __resolveReference: (reference, { loaders }) => loaders.applicationById.load(reference.id),
  applicant: (application) => referenceTo(application.user_id),
  job: (application) => (application.job_listing_id === null ? null : referenceTo(application.job_listing_id)),
  manualJob: (application) =>
    application.manual_title === null
      ? null
      : { title: application.manual_title, companyName: application.manual_company_name, url: application.manual_url, location: application.manual_location },
  // A plain value when the request has read the owner's stages (a page, a board): no promise per application.
  stage: (application, _args, { loaders }) => loaders.stageRead(application.stage_id) ?? loadStage(loaders, application),
  history: async (application, _args, { principal, loaders }) => {
    const changes = await loaders.historyByApplication.load(application.id);
    return mayReadNotesOf(principal, { userId: application.user_id }) ? [...changes] : changes.map((change) => ({ ...change, note: null }));
  },
  notes: (application, _args, { principal }) => (mayReadNotesOf(principal, { userId: application.user_id }) ? application.notes : null),
  appliedAt: (application) => application.applied_at,
  createdAt: (application) => application.created_at,
  updatedAt: (application) => application.updated_at,
  ...applicationDetails,
};
