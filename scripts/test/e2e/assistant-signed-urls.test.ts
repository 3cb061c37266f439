import { describe, expect, it } from 'vitest';
import { dataOf } from './graphql-client.ts';
import { useStory, type Member } from './story.ts';

/**
 * Signed upload and download URLs handed out through the gateway, used as an attacker
 * would: altered, expired, or rewritten to point at another user's document. The stack
 * runs the default local-disk blob store; every URL it signs lives at most 3 seconds
 * (ASSISTANT_BLOB_URL_MAX_SECONDS), so expiry is reached in seconds, not minutes.
 */
const urlSeconds = 3;
const story = useStory({ env: { ...process.env, ASSISTANT_BLOB_URL_MAX_SECONDS: String(urlSeconds) } });

const requestUpload = /* GraphQL */ `
  mutation ($input: RequestDocumentUploadInput!) {
    requestDocumentUpload(input: $input) { document { id } upload { url method headers { name value } } errors { code } }
  }
`;
const complete = `mutation ($id: UUID!) { completeDocumentUpload(id: $id) { document { id status downloadUrl } errors { code } } }`;
const library = `{ viewer { documents(first: 20) { edges { node { id status downloadUrl } } } } }`;

interface Upload {
  readonly documentId: string;
  readonly url: string;
  readonly headers: Record<string, string>;
}
interface Completed {
  completeDocumentUpload: { document: { id: string; status: string; downloadUrl: string | null } | null; errors: { code: string }[] };
}

const pdfType = 'application/pdf';
const pdfOf = (owner: string) => Buffer.from(`%PDF-1.4\n% ${owner}'s private CV\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

async function requestUploadAs(member: Member, bytes: Buffer): Promise<Upload> {
  const requested = dataOf(
    await member.request<{ requestDocumentUpload: { document: { id: string } | null; upload: { url: string; headers: { name: string; value: string }[] } | null; errors: unknown[] } }>(requestUpload, {
      input: { kind: 'RESUME', fileName: 'cv.pdf', contentType: pdfType, sizeBytes: bytes.length },
    }),
  ).requestDocumentUpload;
  expect(requested.errors).toEqual([]);
  if (!requested.document || !requested.upload) throw new Error('no upload URL');
  return { documentId: requested.document.id, url: requested.upload.url, headers: Object.fromEntries(requested.upload.headers.map((h) => [h.name, h.value])) };
}

const put = (url: string | URL, bytes: Buffer, headers: Record<string, string> = { 'content-type': pdfType }) => fetch(url, { method: 'PUT', body: bytes, headers });
const completeAs = async (member: Member, id: string) => dataOf(await member.request<Completed>(complete, { id })).completeDocumentUpload;

/** A fresh download link of one of the member's own documents, read through the gateway. */
async function downloadUrlOf(member: Member, id: string): Promise<string> {
  const listed = dataOf(await member.request<{ viewer: { documents: { edges: { node: { id: string; downloadUrl: string | null } }[] } } }>(library));
  const url = listed.viewer.documents.edges.find((edge) => edge.node.id === id)?.node.downloadUrl;
  if (!url) throw new Error('no download URL');
  return url;
}

/** A document uploaded and checked: its stored bytes and its (short-lived) download link. */
async function storedDocument(member: Member, bytes: Buffer) {
  const upload = await requestUploadAs(member, bytes);
  expect((await put(upload.url, bytes, upload.headers)).status).toBe(200);
  const completed = await completeAs(member, upload.documentId);
  expect(completed.document?.status).toBe('READY');
  return { ...upload, downloadUrl: completed.document?.downloadUrl ?? '' };
}

/** What a refused link answers: the status, and a JSON reason that holds no byte of any file. */
async function refusal(response: Response) {
  const body = await response.text();
  expect(response.headers.get('content-type')).toBe('application/json');
  expect(response.headers.get('content-disposition')).toBeNull();
  expect(body).not.toContain('PDF');
  return { status: response.status, body: JSON.parse(body) as { error: string } };
}

const invalid = { status: 403, body: { error: 'This link is not valid.' } };
const expired = { status: 410, body: { error: 'This link has expired.' } };

/** Waits until every link signed with this `expires` is past it (the store counts whole seconds). */
async function outlive(url: string): Promise<void> {
  const expires = Number(new URL(url).searchParams.get('expires'));
  expect(expires * 1000 - Date.now()).toBeLessThanOrEqual(urlSeconds * 1000);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, (expires + 1) * 1000 - Date.now() + 50)));
}

describe('signed blob URLs through the gateway, used against the rules (AS-07, AS-08)', () => {
  it('refuses an upload URL with an altered signature, length, type or expiry, and stores nothing', async () => {
    const ada = await story().candidate('Ada Altered');
    const bytes = pdfOf('Ada');
    const upload = await requestUploadAs(ada, bytes);
    const altered = (name: string, value: string) => {
      const url = new URL(upload.url);
      url.searchParams.set(name, value);
      return url;
    };
    const sig = new URL(upload.url).searchParams.get('sig') ?? '';
    const flipped = `${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`;
    expect(await refusal(await put(altered('sig', flipped), bytes))).toEqual(invalid);
    const longer = Buffer.concat([bytes, Buffer.alloc(1000, 0x20)]);
    expect(await refusal(await put(altered('length', String(longer.length)), longer))).toEqual(invalid);
    expect(await refusal(await put(altered('contentType', 'text/html'), bytes, { 'content-type': 'text/html' }))).toEqual(invalid);
    expect(await refusal(await put(altered('expires', String(Number(new URL(upload.url).searchParams.get('expires')) + 86_400)), bytes))).toEqual(invalid);
    expect(await refusal(await put(altered('op', 'get'), bytes))).toEqual(invalid);

    // Nothing reached the store: the document cannot be completed.
    expect(await completeAs(ada, upload.documentId)).toEqual({ document: null, errors: [{ code: 'NOT_UPLOADED' }] });
  });

  it('refuses an expired upload or download URL with 410, sends no bytes, and keeps the file for a fresh link', async () => {
    const ada = await story().candidate('Ada Expiring');
    const bytes = pdfOf('Ada');
    const stored = await storedDocument(ada, bytes);
    const unused = await requestUploadAs(ada, pdfOf('someone'));
    await outlive(unused.url);
    await outlive(stored.downloadUrl);

    expect(await refusal(await fetch(stored.downloadUrl))).toEqual(expired);
    expect(await refusal(await put(unused.url, pdfOf('someone'), unused.headers))).toEqual(expired);
    // Pushing the expiry forward breaks the signature instead.
    const extended = new URL(stored.downloadUrl);
    extended.searchParams.set('expires', String(Math.floor(Date.now() / 1000) + 3600));
    expect(await refusal(await fetch(extended))).toEqual(invalid);

    expect(await completeAs(ada, unused.documentId)).toEqual({ document: null, errors: [{ code: 'NOT_UPLOADED' }] });
    const fresh = await fetch(await downloadUrlOf(ada, stored.documentId));
    expect(fresh.status).toBe(200);
    expect(Buffer.from(await fresh.arrayBuffer())).toEqual(bytes);
  });

  it('refuses a URL rewritten to another user’s document, and neither reads nor replaces that file', async () => {
    const ada = await story().candidate('Ada Owner');
    const mallory = await story().candidate('Mallory Rewrites');
    const adaBytes = pdfOf('Ada');
    const adas = await storedDocument(ada, adaBytes);
    const adaKey = new URL(adas.downloadUrl).searchParams.get('key') ?? '';
    expect(adaKey).toContain(adas.documentId.toLowerCase());

    // Mallory's own links, each pointed at Ada's file.
    const hers = await storedDocument(mallory, pdfOf('Mallory'));
    const download = new URL(await downloadUrlOf(mallory, hers.documentId));
    download.searchParams.set('key', adaKey);
    expect(await refusal(await fetch(download))).toEqual(invalid);

    const evil = pdfOf('Mallory');
    const upload = await requestUploadAs(mallory, evil);
    const overwrite = new URL(upload.url);
    overwrite.searchParams.set('key', adaKey);
    expect(await refusal(await put(overwrite, evil, upload.headers))).toEqual(invalid);

    // Through the graph she cannot finish, and never sees, Ada's document.
    expect(await completeAs(mallory, adas.documentId)).toEqual({ document: null, errors: [{ code: 'NOT_FOUND' }] });
    const listed = dataOf(await mallory.request<{ viewer: { documents: { edges: { node: { id: string } }[] } } }>(library));
    expect(listed.viewer.documents.edges.map((edge) => edge.node.id)).not.toContain(adas.documentId);

    // Ada's file is hers, unchanged.
    const own = await fetch(await downloadUrlOf(ada, adas.documentId));
    expect(own.status).toBe(200);
    expect(Buffer.from(await own.arrayBuffer())).toEqual(adaBytes);
  });
});
