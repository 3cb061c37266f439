import { isUser, parsePage, requireUser, toConnection, type UserError } from '@jobgraph/kit';
import type { AssistantDeps } from '../domain/deps.ts';
import { downloadUrlSeconds } from '../domain/documents/document-rules.ts';
import { applyParsedCv } from '../domain/cv/apply-parsed-cv.ts';
import type { CvSection } from '../domain/cv/cv-to-profile.ts';
import { completeDocumentUpload, deleteDocument, requestDocumentUpload, setPrimaryCv } from '../domain/documents/documents.ts';
import type { DbDocumentKind } from '../db/types.ts';
import type { DocumentKind, DocumentResolvers, DocumentStatus, MutationResolvers, UserResolvers } from '../generated/resolvers.ts';

const errorsOf = (errors: readonly UserError[]) => errors.map((e) => ({ ...e, field: [...e.field] }));

export function documentResolvers(deps: AssistantDeps): DocumentResolvers {
  return {
    id: (document) => document.id,
    kind: (document) => document.kind.toUpperCase() as DocumentKind,
    fileName: (document) => document.file_name,
    sizeBytes: (document) => document.size_bytes,
    status: (document) => document.status.toUpperCase() as DocumentStatus,
    mimeType: (document) => document.mime_type,
    rejectionCode: (document) => document.rejection_code,
    isPrimary: (document) => document.is_primary,
    downloadUrl: (document) =>
      document.status === 'ready' && document.mime_type
        ? deps.blobs.presignDownload(document.storage_key, { fileName: document.file_name, contentType: document.mime_type, expiresInSeconds: downloadUrlSeconds })
        : null,
    parsedCv: (document) => (document.kind === 'resume' && document.status === 'ready' ? document.parsed_cv : null),
    createdAt: (document) => document.created_at,
  };
}

/** The user's own documents; anyone else reads an empty library and no primary CV. */
export function documentFields(deps: AssistantDeps): Pick<UserResolvers, 'documents' | 'primaryCv'> {
  const own = (principal: Parameters<typeof isUser>[0], userId: string) => isUser(principal) && principal.userId.toLowerCase() === userId.toLowerCase();
  return {
    documents: async (user, args, { principal }) => {
      const page = parsePage(args);
      let rows: Awaited<ReturnType<typeof listPage>> = [];
      if (own(principal, user.id)) rows = await listPage(deps, user.id, page);
      const connection = toConnection(rows, page, (row) => ({ key: row.created_at.toISOString(), id: row.id }));
      return { edges: [...connection.edges], pageInfo: connection.pageInfo };
    },
    primaryCv: async (user, _args, { principal }) => {
      if (!own(principal, user.id)) return null;
      return (await deps.db.selectFrom('documents').selectAll().where('user_id', '=', user.id.toLowerCase()).where('is_primary', '=', true).executeTakeFirst()) ?? null;
    },
  };
}

function listPage(deps: AssistantDeps, userId: string, page: ReturnType<typeof parsePage>) {
  let query = deps.db.selectFrom('documents').selectAll().where('user_id', '=', userId.toLowerCase());
  if (page.after) {
    const at = new Date(String(page.after.key));
    const id = page.after.id;
    query = query.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '>', id)])]));
  }
  return query.orderBy('created_at', 'desc').orderBy('id').limit(page.limit + 1).execute();
}

export function documentMutations(deps: AssistantDeps): MutationResolvers {
  return {
    requestDocumentUpload: async (_parent, { input }, { principal }) => {
      const { userId } = requireUser(principal);
      const outcome = await requestDocumentUpload(deps, userId, { ...input, kind: input.kind.toLowerCase() as DbDocumentKind });
      if (!outcome.ok) return { document: null, upload: null, errors: errorsOf(outcome.errors) };
      const { document, upload } = outcome.value;
      return { document, upload: { url: upload.url, method: upload.method, headers: Object.entries(upload.headers).map(([name, value]) => ({ name, value })) }, errors: [] };
    },
    completeDocumentUpload: async (_parent, { id }, { principal }) => {
      const { userId } = requireUser(principal);
      const outcome = await completeDocumentUpload(deps, userId, id);
      return outcome.ok ? { document: outcome.value, errors: [] } : { document: null, errors: errorsOf(outcome.errors) };
    },
    setPrimaryCv: async (_parent, { id }, { principal }) => {
      const { userId } = requireUser(principal);
      const outcome = await setPrimaryCv(deps, userId, id);
      return outcome.ok ? { document: outcome.value, errors: [] } : { document: null, errors: errorsOf(outcome.errors) };
    },
    applyParsedCv: async (_parent, { input }, { principal }) => {
      const { userId } = requireUser(principal);
      const sections = input.sections.map((section) => section.toLowerCase() as CvSection);
      const outcome = await applyParsedCv(deps, userId, input.documentId, sections);
      return outcome.ok ? { careerProfile: outcome.value, errors: [] } : { careerProfile: null, errors: errorsOf(outcome.errors) };
    },
    deleteDocument: async (_parent, { id }, { principal }) => {
      const { userId } = requireUser(principal);
      const outcome = await deleteDocument(deps, userId, id);
      return outcome.ok ? { deletedId: outcome.value, errors: [] } : { deletedId: null, errors: errorsOf(outcome.errors) };
    },
  };
}
