import type { Kysely } from 'kysely';
import { DocumentChanged, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import { sniff, mimeTypeOf, type BlobStore, type PresignedUpload, type VirusScanner } from '@jobgraph/kit/blobs/index';
import type { Database, DbDocumentKind, Document } from '../../db/types.ts';
import { readCv } from '../cv/read-cv.ts';
import { allowedKinds, declaredTypes, documentKey, maxDocumentBytes, safeFileName, uploadUrlSeconds } from './document-rules.ts';

export interface DocumentDeps {
  readonly db: Kysely<Database>;
  readonly blobs: BlobStore;
  readonly scan: VirusScanner;
}

export interface UploadRequestInput {
  readonly kind: DbDocumentKind;
  readonly fileName: string;
  readonly contentType: string;
  readonly sizeBytes: number;
}

const changed = (document: Document, status: Document['status'] | 'deleted' = document.status) =>
  pendingEvent(DocumentChanged, document.id, {
    documentId: document.id,
    userId: document.user_id,
    kind: document.kind,
    status,
    isPrimary: document.is_primary,
    mimeType: document.mime_type,
    sizeBytes: document.size_bytes,
  });

/** A user's own document, or null: another user's answers exactly like a missing one. */
export async function ownDocument(db: Kysely<Database>, userId: string, documentId: string): Promise<Document | null> {
  return (await db.selectFrom('documents').selectAll().where('id', '=', documentId.toLowerCase()).where('user_id', '=', userId.toLowerCase()).executeTakeFirst()) ?? null;
}

const notFound = () => fail(userError('NOT_FOUND', 'There is no such document.', ['id']));

/**
 * Starts an upload: checks the announced size and type, stores a pending document, and
 * returns a URL signed for exactly that many bytes. The file name is kept only as a label.
 */
export async function requestDocumentUpload(deps: DocumentDeps, userId: string, input: UploadRequestInput): Promise<Outcome<{ document: Document; upload: PresignedUpload }>> {
  const errors = [];
  if (!Number.isSafeInteger(input.sizeBytes) || input.sizeBytes <= 0 || input.sizeBytes > maxDocumentBytes) {
    errors.push(userError('TOO_LARGE', `A file may have at most ${maxDocumentBytes / 1024 / 1024} MB.`, ['input', 'sizeBytes']));
  }
  const contentType = input.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!declaredTypes.has(contentType)) errors.push(userError('UNSUPPORTED_TYPE', 'Upload a PDF, a Word (.docx) document, plain text, or a PNG or JPEG image.', ['input', 'contentType']));
  if (errors.length > 0) return fail(...errors);
  const user = userId.toLowerCase();
  const id = crypto.randomUUID();
  const document = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('documents')
      .values({ id, user_id: user, kind: input.kind, file_name: safeFileName(input.fileName), size_bytes: input.sizeBytes, storage_key: documentKey(user, id) })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToOutbox(trx, [changed(row)]);
    return row;
  });
  const upload = await deps.blobs.presignUpload(document.storage_key, { contentType, contentLength: input.sizeBytes, expiresInSeconds: uploadUrlSeconds });
  return succeed({ document, upload });
}

/**
 * Checks an uploaded file: it must be there, be what its bytes say (sniffed, never the
 * declared type), suit the document's kind, and pass the virus scan. A file that fails is
 * deleted from the store and the document is marked rejected with the reason. A resume
 * that passes is read and parsed (AS-07) and the result stored with it.
 */
export async function completeDocumentUpload(deps: DocumentDeps, userId: string, documentId: string): Promise<Outcome<Document>> {
  const document = await ownDocument(deps.db, userId, documentId);
  if (!document) return notFound();
  if (document.status !== 'pending') return fail(userError('ALREADY_COMPLETED', 'This upload was checked already.', ['id']));
  const bytes = await deps.blobs.read(document.storage_key);
  if (!bytes) return fail(userError('NOT_UPLOADED', 'Nothing was uploaded to the upload URL yet.', ['id']));
  const sniffed = sniff(bytes);
  let rejection: { code: string; message: string } | null = null;
  if (!sniffed.ok) rejection = { code: sniffed.code, message: sniffed.message };
  else if (!allowedKinds[document.kind].includes(sniffed.kind)) rejection = { code: 'UNSUPPORTED_TYPE', message: `A ${document.kind.replace('_', ' ')} cannot be a ${sniffed.kind} file.` };
  else {
    const verdict = await deps.scan(bytes);
    if (!verdict.clean) rejection = { code: 'INFECTED', message: `The file carries malware (${verdict.signature}).` };
  }
  // A resume is read and parsed once, here; what the user later confirms is what they were shown.
  const read = !rejection && sniffed.ok && document.kind === 'resume' ? await readCv(deps.db, bytes, sniffed.kind) : null;
  const parsed = read ? { extracted_text: read.text, parsed_cv: JSON.stringify(read.cv), parsed_at: new Date() } : {};
  const updated = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('documents')
      .set(
        rejection
          ? { status: 'rejected', rejection_code: rejection.code, updated_at: new Date() }
          : { status: 'ready', mime_type: sniffed.ok ? mimeTypeOf[sniffed.kind] : null, ...parsed, updated_at: new Date() },
      )
      .where('id', '=', document.id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (row) await appendToOutbox(trx, [changed(row)]);
    return row;
  });
  if (!updated) return fail(userError('ALREADY_COMPLETED', 'This upload was checked already.', ['id']));
  if (rejection) {
    await deps.blobs.delete(document.storage_key);
    return fail(userError(rejection.code, rejection.message, ['id']));
  }
  return succeed(updated);
}

/** Makes a ready resume the user's primary CV; the previous primary stops being one. */
export async function setPrimaryCv(deps: DocumentDeps, userId: string, documentId: string): Promise<Outcome<Document>> {
  const document = await ownDocument(deps.db, userId, documentId);
  if (!document) return notFound();
  if (document.kind !== 'resume' || document.status !== 'ready') return fail(userError('NOT_A_READY_RESUME', 'Only a checked resume can be the primary CV.', ['id']));
  return deps.db.transaction().execute(async (trx) => {
    const previous = await trx.updateTable('documents').set({ is_primary: false, updated_at: new Date() }).where('user_id', '=', document.user_id).where('is_primary', '=', true).where('id', '!=', document.id).returningAll().execute();
    const row = await trx.updateTable('documents').set({ is_primary: true, updated_at: new Date() }).where('id', '=', document.id).returningAll().executeTakeFirstOrThrow();
    await appendToOutbox(trx, [...previous.map((p) => changed(p)), changed(row)]);
    return succeed(row);
  });
}

/** Deletes a document and its file. */
export async function deleteDocument(deps: DocumentDeps, userId: string, documentId: string): Promise<Outcome<string>> {
  const document = await ownDocument(deps.db, userId, documentId);
  if (!document) return notFound();
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('documents').where('id', '=', document.id).execute();
    await appendToOutbox(trx, [changed(document, 'deleted')]);
  });
  await deps.blobs.delete(document.storage_key);
  return succeed(document.id);
}
