import type { ApplicationResolvers } from '../generated/resolvers.ts';
import { referenceTo } from './entity-reference.ts';

export const Application: ApplicationResolvers = {
  /** The viewer's own application, or null: another user's id answers as if it did not exist. */
  __resolveReference: (reference, { loaders }) => loaders.applicationById.load(reference.id),
  job: (application) => (application.job_listing_id === null ? null : referenceTo(application.job_listing_id)),
  manualJob: (application) =>
    application.manual_title === null
      ? null
      : { title: application.manual_title, companyName: application.manual_company_name, url: application.manual_url, location: application.manual_location },
  stage: async (application, _args, { loaders }) => {
    const stage = await loaders.stageById.load(application.stage_id);
    if (!stage) throw new Error(`stage ${application.stage_id} of application ${application.id} is not its owner's`);
    return stage;
  },
  history: async (application, _args, { loaders }) => [...(await loaders.historyByApplication.load(application.id))],
  notes: (application) => application.notes,
  appliedAt: (application) => application.applied_at,
  createdAt: (application) => application.created_at,
  updatedAt: (application) => application.updated_at,
};
