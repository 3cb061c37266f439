import { mimeTypeOf, safeFileName, type SniffedKind } from '@jobgraph/kit/blobs/index';
import type { DbDocumentKind } from '../../db/types.ts';

/** The largest file a user may upload: 10 MiB. */
export const maxDocumentBytes = 10 * 1024 * 1024;
/** How long an upload or download URL works. */
export const uploadUrlSeconds = 15 * 60;
export const downloadUrlSeconds = 5 * 60;

/** What each kind of document may be, by its sniffed bytes. */
export const allowedKinds: Readonly<Record<DbDocumentKind, readonly SniffedKind[]>> = {
  resume: ['pdf', 'docx', 'text'],
  cover_letter: ['pdf', 'docx', 'text'],
  certificate: ['pdf', 'png', 'jpeg'],
  other: ['pdf', 'docx', 'text', 'png', 'jpeg'],
};

/** The declared types a client may announce (the bytes decide later). */
export const declaredTypes: ReadonlySet<string> = new Set([...Object.values(mimeTypeOf).map((type) => type.split(';')[0] ?? type), 'text/plain']);

export { safeFileName };

/** The blob key of a document: the assistant's ids only, never anything the user typed. */
export const documentKey = (userId: string, documentId: string): string => `assistant/documents/${userId.toLowerCase()}/${documentId}`;
