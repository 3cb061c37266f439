import { isUser, parsePage, requireUser, toConnection, type UserError } from '@jobgraph/kit';
import type { AssistantDeps } from '../domain/deps.ts';
import { deleteJobDescription, linkJobDescription, saveJobDescription } from '../domain/job-descriptions/job-descriptions.ts';
import type { JobDescriptionResolvers, MutationResolvers, UserResolvers } from '../generated/resolvers.ts';

const errorsOf = (errors: readonly UserError[]) => errors.map((e) => ({ ...e, field: [...e.field] }));

export const JobDescription: JobDescriptionResolvers = {
  id: (row) => row.id,
  jobTitle: (row) => row.job_title,
  companyName: (row) => row.company_name,
  text: (row) => row.raw_text,
  contentHash: (row) => row.content_hash,
  requirements: (row) => row.requirements,
  skills: (row) => row.skills,
  application: (row) => (row.application_id ? { __typename: 'Application', id: row.application_id } : null),
  createdAt: (row) => row.created_at,
  updatedAt: (row) => row.updated_at,
};

/** The user's own job descriptions, newest first; anyone else reads an empty list. */
export function jobDescriptionsField(deps: AssistantDeps): Pick<UserResolvers, 'jobDescriptions'> {
  return {
    jobDescriptions: async (user, args, { principal }) => {
      const page = parsePage(args);
      const own = isUser(principal) && principal.userId.toLowerCase() === user.id.toLowerCase();
      let rows: Awaited<ReturnType<typeof listPage>> = [];
      if (own) rows = await listPage(deps, user.id, page);
      const connection = toConnection(rows, page, (row) => ({ key: row.created_at.toISOString(), id: row.id }));
      return { edges: [...connection.edges], pageInfo: connection.pageInfo };
    },
  };
}

function listPage(deps: AssistantDeps, userId: string, page: ReturnType<typeof parsePage>) {
  let query = deps.db.selectFrom('job_descriptions').selectAll().where('user_id', '=', userId.toLowerCase());
  if (page.after) {
    const at = new Date(String(page.after.key));
    const id = page.after.id;
    query = query.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '>', id)])]));
  }
  return query.orderBy('created_at', 'desc').orderBy('id').limit(page.limit + 1).execute();
}

export function jobDescriptionMutations(deps: AssistantDeps): MutationResolvers {
  return {
    saveJobDescription: async (_parent, { input }, { principal }) => {
      const { userId } = requireUser(principal);
      const outcome = await saveJobDescription(deps, userId, input);
      return outcome.ok ? { ...outcome.value, errors: [] } : { jobDescription: null, duplicate: false, errors: errorsOf(outcome.errors) };
    },
    linkJobDescription: async (_parent, { input }, { principal }) => {
      const { userId } = requireUser(principal);
      const outcome = await linkJobDescription(deps, userId, input.id, input.applicationId ?? null);
      return outcome.ok ? { jobDescription: outcome.value, errors: [] } : { jobDescription: null, errors: errorsOf(outcome.errors) };
    },
    deleteJobDescription: async (_parent, { id }, { principal }) => {
      const { userId } = requireUser(principal);
      const outcome = await deleteJobDescription(deps, userId, id);
      return outcome.ok ? { deletedId: outcome.value, errors: [] } : { deletedId: null, errors: errorsOf(outcome.errors) };
    },
  };
}
