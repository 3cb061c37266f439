import { badUserInput, isUuid, parsePage, toConnection, type Outcome } from '@jobgraph/kit';
import type { Comparison as ComparisonRow, DbTaskPriority, SavedJob as SavedJobRow } from '../db/types.ts';
import type { PipelineDeps } from '../domain/deps.ts';
import { createComparison, deleteComparison, saveJob, unsaveJob, updateComparison, updateSavedJob } from '../domain/manage-shortlist.ts';
import type { ComparisonResolvers, MutationResolvers, SavedJobResolvers, TaskPriority, UserResolvers } from '../generated/resolvers.ts';
import { referenceTo } from './entity-reference.ts';
import { requireTrackerReader, requireViewerId } from './viewer.ts';

const microsecondTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export const SavedJob: SavedJobResolvers = {
  job: (saved) => referenceTo(saved.job_listing_id),
  priority: (saved) => saved.priority.toUpperCase() as TaskPriority,
  createdAt: (saved) => saved.created_at,
  updatedAt: (saved) => saved.updated_at,
};

export const Comparison: ComparisonResolvers = {
  jobs: async (comparison, _args, { loaders }) => (await loaders.comparisonItems.load(comparison.id)).map((item) => referenceTo(item.job_listing_id)),
  createdAt: (comparison) => comparison.created_at,
  updatedAt: (comparison) => comparison.updated_at,
};

export const shortlistUserResolvers: UserResolvers = {
  savedJobs: async (user, args, { principal, loaders }) => {
    requireTrackerReader(principal, user.id);
    const page = parsePage(args);
    const after = page.after;
    if (after && (typeof after.key !== 'string' || !microsecondTimestamp.test(after.key) || !isUuid(after.id))) throw badUserInput('`after` is not a cursor this API issued.', { argument: 'after' });
    const query = { limit: page.limit, after: after ? { createdKey: String(after.key), id: after.id.toLowerCase() } : null };
    const rows = await loaders.savedJobPages(query).load(user.id.toLowerCase());
    const connection = toConnection(rows, page, (row) => ({ key: row.cursor_key, id: row.id }));
    return { edges: [...connection.edges], pageInfo: connection.pageInfo };
  },
  comparisons: async (user, _args, { principal, loaders }) => {
    requireTrackerReader(principal, user.id);
    return [...(await loaders.comparisonsByUser.load(user.id.toLowerCase()))];
  },
};

const errorsOf = (outcome: Outcome<unknown>) => (outcome.ok ? [] : outcome.errors.map((e) => ({ ...e, field: [...e.field] })));
const savedPayload = (outcome: Outcome<SavedJobRow>) => ({ savedJob: outcome.ok ? outcome.value : null, errors: errorsOf(outcome) });
const comparisonPayload = (outcome: Outcome<ComparisonRow>) => ({ comparison: outcome.ok ? outcome.value : null, errors: errorsOf(outcome) });
const priorityOf = (priority: TaskPriority | null | undefined): DbTaskPriority | null => (priority ? (priority.toLowerCase() as DbTaskPriority) : null);

/** h8: saved jobs and comparisons (PI-23, PI-24). */
export function shortlistMutations(deps: PipelineDeps): MutationResolvers {
  return {
    saveJob: async (_parent, { input }, { principal }) => savedPayload(await saveJob(deps, requireViewerId(principal), { jobId: input.jobId, priority: priorityOf(input.priority), note: input.note ?? null })),
    updateSavedJob: async (_parent, { input }, { principal }) => {
      const { savedJobId, priority, ...rest } = input;
      return savedPayload(await updateSavedJob(deps, requireViewerId(principal), savedJobId, { priority: priorityOf(priority), ...rest }));
    },
    unsaveJob: async (_parent, { input }, { principal }) => savedPayload(await unsaveJob(deps, requireViewerId(principal), input.savedJobId)),
    createComparison: async (_parent, { input }, { principal }) => comparisonPayload(await createComparison(deps, requireViewerId(principal), input)),
    updateComparison: async (_parent, { input }, { principal }) => {
      const { comparisonId, ...rest } = input;
      return comparisonPayload(await updateComparison(deps, requireViewerId(principal), comparisonId, rest));
    },
    deleteComparison: async (_parent, { input }, { principal }) => comparisonPayload(await deleteComparison(deps, requireViewerId(principal), input.comparisonId)),
  };
}
