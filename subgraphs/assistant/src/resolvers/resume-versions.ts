import { isUser, parsePage, requireUser, toConnection, type UserError } from '@jobgraph/kit';
import type { AssistantDeps } from '../domain/deps.ts';
import { downloadUrlSeconds } from '../domain/documents/document-rules.ts';
import { deleteResumeVersion, saveBaseResume, tailorResume } from '../domain/resumes/resume-versions.ts';
import type { MutationResolvers, ResumeVersionResolvers, UserResolvers } from '../generated/resolvers.ts';

const errorsOf = (errors: readonly UserError[]) => errors.map((e) => ({ ...e, field: [...e.field] }));

export function resumeVersionResolvers(deps: AssistantDeps): ResumeVersionResolvers {
  return {
    /** Only the owner resolves their version; any other caller gets null, as for a missing id. */
    __resolveReference: async (reference, { principal }) => {
      if (!isUser(principal)) return null;
      return (await deps.db.selectFrom('resume_versions').selectAll().where('id', '=', String(reference.id).toLowerCase()).where('user_id', '=', principal.userId.toLowerCase()).executeTakeFirst()) ?? null;
    },
    id: (row) => row.id,
    title: (row) => row.title,
    isBase: (row) => row.is_base,
    listing: (row) => (row.listing_id ? { id: row.listing_id } : null),
    sections: (row) => ({ ...row.sections }),
    atsScore: (row) => row.ats_score,
    keywords: (row) => row.keywords,
    missingKeywords: (row) => row.missing_keywords,
    diffFromBase: (row) => (row.diff_from_base && typeof row.diff_from_base === 'object' ? (row.diff_from_base as Record<string, unknown>) : null),
    analysis: (row) => row.analysis,
    downloadUrl: (row) => deps.blobs.presignDownload(row.pdf_key, { fileName: `${row.title}.pdf`, contentType: 'application/pdf', expiresInSeconds: downloadUrlSeconds }),
    createdAt: (row) => row.created_at,
    updatedAt: (row) => row.updated_at,
  };
}

/** The user's own versions, newest first; anyone else reads an empty list. */
export function resumeVersionsField(deps: AssistantDeps): Pick<UserResolvers, 'resumeVersions'> {
  return {
    resumeVersions: async (user, args, { principal }) => {
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
  let query = deps.db.selectFrom('resume_versions').selectAll().where('user_id', '=', userId.toLowerCase());
  if (page.after) {
    const at = new Date(String(page.after.key));
    const id = page.after.id;
    query = query.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '>', id)])]));
  }
  return query.orderBy('created_at', 'desc').orderBy('id').limit(page.limit + 1).execute();
}

export function resumeVersionMutations(deps: AssistantDeps): MutationResolvers {
  return {
    saveBaseResume: async (_parent, { input }, { principal }) => {
      const { userId } = requireUser(principal);
      const outcome = await saveBaseResume(deps, userId, input);
      return outcome.ok ? { resumeVersion: outcome.value, errors: [] } : { resumeVersion: null, errors: errorsOf(outcome.errors) };
    },
    tailorResume: async (_parent, { input }, { principal }) => {
      const { userId } = requireUser(principal);
      const outcome = await tailorResume(deps, userId, input);
      return outcome.ok ? { resumeVersion: outcome.value, errors: [] } : { resumeVersion: null, errors: errorsOf(outcome.errors) };
    },
    deleteResumeVersion: async (_parent, { id }, { principal }) => {
      const { userId } = requireUser(principal);
      const outcome = await deleteResumeVersion(deps, userId, id);
      return outcome.ok ? { deletedId: outcome.value, errors: [] } : { deletedId: null, errors: errorsOf(outcome.errors) };
    },
  };
}
