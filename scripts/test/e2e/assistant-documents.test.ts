import { describe, expect, it } from 'vitest';
import { wordFiles, zipArchive } from '../../../subgraphs/kit/test/blobs/zip-fixture.ts';
import { dataOf } from './graphql-client.ts';
import { useStory, type Member } from './story.ts';

const story = useStory();

const documentFields = 'id kind fileName sizeBytes status mimeType rejectionCode isPrimary downloadUrl';
const requestUpload = /* GraphQL */ `
  mutation ($input: RequestDocumentUploadInput!) {
    requestDocumentUpload(input: $input) { document { ${documentFields} } upload { url method headers { name value } } errors { field code message } }
  }
`;
const complete = `mutation ($id: UUID!) { completeDocumentUpload(id: $id) { document { ${documentFields} } errors { field code message } } }`;
const setPrimary = `mutation ($id: UUID!) { setPrimaryCv(id: $id) { document { id isPrimary } errors { code } } }`;
const remove = `mutation ($id: UUID!) { deleteDocument(id: $id) { deletedId errors { code } } }`;
const library = `{ viewer { primaryCv { id } documents(first: 20) { edges { node { id status isPrimary } } } } }`;

interface Doc {
  id: string;
  kind: string;
  fileName: string;
  sizeBytes: number;
  status: string;
  mimeType: string | null;
  rejectionCode: string | null;
  isPrimary: boolean;
  downloadUrl: string | null;
}
interface Errors {
  errors: { field: string[]; code: string; message: string }[];
}
interface Requested {
  requestDocumentUpload: Errors & { document: Doc | null; upload: { url: string; method: string; headers: { name: string; value: string }[] } | null };
}

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const pdfType = 'application/pdf';

async function upload(member: Member, bytes: Buffer, input: { kind?: string; fileName?: string; contentType?: string } = {}) {
  const requested = dataOf(
    await member.request<Requested>(requestUpload, { input: { kind: input.kind ?? 'RESUME', fileName: input.fileName ?? 'cv.pdf', contentType: input.contentType ?? pdfType, sizeBytes: bytes.length } }),
  );
  expect(requested.requestDocumentUpload.errors).toEqual([]);
  const target = requested.requestDocumentUpload.upload;
  const document = requested.requestDocumentUpload.document;
  if (!target || !document) throw new Error('no upload target');
  const headers = Object.fromEntries(target.headers.map((h) => [h.name, h.value]));
  const put = await fetch(target.url, { method: target.method, body: bytes, headers });
  await put.arrayBuffer();
  return { document, target, status: put.status };
}

const completeAs = async (member: Member, id: string) => dataOf(await member.request<{ completeDocumentUpload: Errors & { document: Doc | null } }>(complete, { id })).completeDocumentUpload;

describe('the document library through the gateway (AS-07, AS-08)', () => {
  it('uploads a CV through a signed loopback URL, checks it, makes it primary, downloads and deletes it', async () => {
    const ada = await story().candidate('Ada Docs');
    const { document, target, status } = await upload(ada, pdf, { fileName: '../../etc/Ada "Lovelace".pdf' });
    expect(status).toBe(200);
    expect(new URL(target.url).hostname).toBe('127.0.0.1');
    expect(document).toMatchObject({ status: 'PENDING', fileName: 'Ada Lovelace.pdf', sizeBytes: pdf.length, downloadUrl: null });

    const checked = await completeAs(ada, document.id);
    expect(checked.errors).toEqual([]);
    expect(checked.document).toMatchObject({ status: 'READY', mimeType: pdfType, kind: 'RESUME' });

    const primary = dataOf(await ada.request<{ setPrimaryCv: Errors & { document: { isPrimary: boolean } } }>(setPrimary, { id: document.id }));
    expect(primary.setPrimaryCv).toEqual({ document: { id: document.id, isPrimary: true }, errors: [] });

    const download = await fetch(checked.document?.downloadUrl ?? '');
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('filename="Ada Lovelace.pdf"');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);

    const listed = dataOf(await ada.request<{ viewer: { primaryCv: { id: string }; documents: { edges: { node: { id: string } }[] } } }>(library));
    expect(listed.viewer.primaryCv).toEqual({ id: document.id });
    expect(listed.viewer.documents.edges.map((e) => e.node.id)).toEqual([document.id]);

    const deleted = dataOf(await ada.request<{ deleteDocument: Errors & { deletedId: string } }>(remove, { id: document.id }));
    expect(deleted.deleteDocument).toEqual({ deletedId: document.id, errors: [] });
    expect((await fetch(checked.document?.downloadUrl ?? '')).status).toBe(404);
  });

  it('answers another user’s documents as not found, and an altered upload URL is refused', async () => {
    const ada = await story().candidate('Ada Private');
    const { document: adas } = await upload(ada, pdf);
    const mallory = await story().candidate('Mallory Docs');
    expect((await completeAs(mallory, adas.id)).errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    for (const mutation of [setPrimary, remove]) {
      const result = await mallory.request<Record<string, Errors>>(mutation, { id: adas.id });
      expect(Object.values(result.data ?? {})[0]?.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    }
    const empty = dataOf(await mallory.request<{ viewer: { primaryCv: unknown; documents: { edges: unknown[] } } }>(library));
    expect(empty.viewer).toEqual({ primaryCv: null, documents: { edges: [] } });

    // Mallory rewrites her own URL to point at Ada's file: the signature no longer holds.
    const requested = dataOf(await mallory.request<Requested>(requestUpload, { input: { kind: 'RESUME', fileName: 'x.pdf', contentType: pdfType, sizeBytes: pdf.length } }));
    const own = requested.requestDocumentUpload.upload?.url ?? '';
    const malloryDoc = requested.requestDocumentUpload.document?.id ?? '';
    const hijack = own.replace(encodeURIComponent(malloryDoc), encodeURIComponent(adas.id)).replace(encodeURIComponent(mallory.id.toLowerCase()), encodeURIComponent(ada.id.toLowerCase()));
    expect(hijack).not.toBe(own);
    const put = await fetch(hijack, { method: 'PUT', body: Buffer.from('%PDF-1.4 evil'), headers: { 'content-type': pdfType } });
    expect(put.status).toBe(403);
    expect((await completeAs(ada, adas.id)).document?.status).toBe('READY');
  });

  it('refuses a download link whose expiry or signature was altered (expiry itself: kit blob-stores test)', async () => {
    const ada = await story().candidate('Ada Links');
    const { document } = await upload(ada, pdf);
    const url = (await completeAs(ada, document.id)).document?.downloadUrl ?? '';
    const query = new URL(url);
    query.searchParams.set('expires', String(Number(query.searchParams.get('expires')) + 3600));
    expect((await fetch(query)).status).toBe(403);
    const past = new URL(url);
    past.searchParams.set('sig', 'A'.repeat(43));
    expect((await fetch(past)).status).toBe(403);
  });

  it('refuses a 30 MB file, a PDF that is not one, an encrypted PDF, a DOCX zip bomb, and malware', async () => {
    const bob = await story().candidate('Bob Uploads');
    const big = dataOf(await bob.request<Requested>(requestUpload, { input: { kind: 'RESUME', fileName: 'big.pdf', contentType: pdfType, sizeBytes: 30 * 1024 * 1024 } }));
    expect(big.requestDocumentUpload.errors.map((e) => e.code)).toEqual(['TOO_LARGE']);
    // Announce a small file, then send 30 MB: the signed length stops it.
    const small = dataOf(await bob.request<Requested>(requestUpload, { input: { kind: 'RESUME', fileName: 'small.pdf', contentType: pdfType, sizeBytes: 1000 } }));
    const sent = await fetch(small.requestDocumentUpload.upload?.url ?? '', { method: 'PUT', body: Buffer.alloc(30 * 1024 * 1024, 0x25), headers: { 'content-type': pdfType } }).then((r) => r.status, () => 0);
    expect(sent === 0 || sent === 413).toBe(true);
    expect((await completeAs(bob, small.requestDocumentUpload.document?.id ?? '')).errors.map((e) => e.code)).toEqual(['NOT_UPLOADED']);

    const exe = await upload(bob, Buffer.from('MZ\u0090\u0000 not a pdf at all', 'latin1'));
    expect(await completeAs(bob, exe.document.id)).toMatchObject({ document: null, errors: [{ code: 'UNSUPPORTED_TYPE' }] });
    const encrypted = await upload(bob, Buffer.from('%PDF-1.6\ntrailer << /Root 1 0 R /Encrypt 9 0 R >>\n%%EOF'));
    expect((await completeAs(bob, encrypted.document.id)).errors.map((e) => e.code)).toEqual(['ENCRYPTED']);
    const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    const bomb = await upload(bob, zipArchive({ ...wordFiles, 'word/media/zeros.bin': Buffer.alloc(60 * 1024 * 1024) }), { fileName: 'cv.docx', contentType: docxType });
    expect((await completeAs(bob, bomb.document.id)).errors.map((e) => e.code)).toEqual(['ZIP_BOMB']);
    const eicar = await upload(bob, Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'), { contentType: 'text/plain', fileName: 'cv.txt' });
    expect((await completeAs(bob, eicar.document.id)).errors.map((e) => e.code)).toEqual(['INFECTED']);
    const docx = await upload(bob, zipArchive(wordFiles), { fileName: 'cv.docx', contentType: docxType });
    expect((await completeAs(bob, docx.document.id)).document).toMatchObject({ status: 'READY', mimeType: docxType });

    const statuses = dataOf(await bob.request<{ viewer: { documents: { edges: { node: { status: string } }[] } } }>(library));
    expect(statuses.viewer.documents.edges.map((e) => e.node.status).sort()).toEqual(['PENDING', 'READY', 'REJECTED', 'REJECTED', 'REJECTED', 'REJECTED']);
    const exeType = dataOf(await bob.request<Requested>(requestUpload, { input: { kind: 'RESUME', fileName: 'x', contentType: 'application/x-msdownload', sizeBytes: 10 } }));
    expect(exeType.requestDocumentUpload.errors.map((e) => e.code)).toEqual(['UNSUPPORTED_TYPE']);
  });
});
