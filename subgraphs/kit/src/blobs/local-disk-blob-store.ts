import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { assertBlobKey, contentDisposition, type BlobStore } from './blob-store.ts';
import { signGrant, verifyGrant } from './signed-url.ts';

/** The path the local-disk store serves its signed URLs on, beside a subgraph's /graphql. */
export const localBlobPath = '/blobs';

export interface LocalDiskBlobStoreOptions {
  /** Folder the files live in. */
  readonly root: string;
  /** HMAC key of the signed URLs: at least 32 characters. */
  readonly secret: string;
  /** Origin the URLs point at (the server that mounts `blobRoute`), e.g. `http://127.0.0.1:4004`; read when a URL is made. */
  readonly origin: () => string;
  readonly now?: () => number;
}

/** A plain Node request handler (the kit's RouteHandler has this shape). */
export type RouteHandlerLike = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface LocalDiskBlobStore extends BlobStore {
  /** Serves the signed URLs: PUT stores a body of exactly the signed length, GET sends the file. */
  readonly route: RouteHandlerLike;
}

const pathOf = (root: string, key: string): string => {
  assertBlobKey(key);
  return join(root, ...key.split('/'));
};

const answer = (response: ServerResponse, status: number, message: string): void => {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify({ error: message }));
};

/** Files in a local folder, behind HMAC-signed, expiring URLs served on loopback. */
export function createLocalDiskBlobStore(options: LocalDiskBlobStoreOptions): LocalDiskBlobStore {
  if (options.secret.length < 32) throw new Error('the blob URL secret needs at least 32 characters');
  const now = options.now ?? (() => Date.now());
  const nowSeconds = () => Math.floor(now() / 1000);
  const urlFor = (query: string) => `${options.origin()}${localBlobPath}?${query}`;

  async function receive(request: IncomingMessage, response: ServerResponse, key: string, length: number, contentType: string): Promise<void> {
    const declared = Number(request.headers['content-length']);
    if ((request.headers['content-type'] ?? '') !== contentType) return answer(response, 400, 'The content type differs from the signed one.');
    if (!Number.isSafeInteger(declared) || declared !== length) return answer(response, 413, `The body must be exactly the signed ${length} bytes.`);
    const target = pathOf(options.root, key);
    await mkdir(dirname(target), { recursive: true });
    const partial = `${target}.${crypto.randomUUID()}.part`;
    let received = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        done(received > length ? new Error('body longer than signed') : null, chunk);
      },
    });
    try {
      await pipeline(request, cap, createWriteStream(partial, { flags: 'wx' }));
      if (received !== length) throw new Error('body shorter than signed');
      await rename(partial, target);
    } catch {
      await rm(partial, { force: true });
      if (!response.headersSent) answer(response, 413, `The body must be exactly the signed ${length} bytes.`);
      request.destroy();
      return;
    }
    response.writeHead(200, { 'cache-control': 'no-store' });
    response.end();
  }

  const store: LocalDiskBlobStore = {
    async presignUpload(key, upload) {
      assertBlobKey(key);
      const query = signGrant(options.secret, { op: 'put', key, expires: nowSeconds() + upload.expiresInSeconds, length: upload.contentLength, contentType: upload.contentType, fileName: '' });
      return { url: urlFor(query), method: 'PUT', headers: { 'content-type': upload.contentType } };
    },
    async presignDownload(key, download) {
      assertBlobKey(key);
      return urlFor(signGrant(options.secret, { op: 'get', key, expires: nowSeconds() + download.expiresInSeconds, length: 0, contentType: download.contentType, fileName: download.fileName }));
    },
    async write(key, bytes) {
      const target = pathOf(options.root, key);
      await mkdir(dirname(target), { recursive: true });
      const partial = `${target}.${crypto.randomUUID()}.part`;
      await writeFile(partial, bytes, { flag: 'wx' });
      await rename(partial, target);
    },
    async read(key) {
      try {
        return await readFile(pathOf(options.root, key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(options.root, key), { force: true });
    },
    async route(request, response) {
      const query = new URL(request.url ?? '/', 'http://local').searchParams;
      const checked = verifyGrant(options.secret, query, nowSeconds());
      if (!checked.ok) return answer(response, checked.reason === 'expired' ? 410 : 403, checked.reason === 'expired' ? 'This link has expired.' : 'This link is not valid.');
      const { grant } = checked;
      if (grant.op === 'put') {
        if (request.method !== 'PUT') return answer(response, 405, 'Upload with PUT.');
        return receive(request, response, grant.key, grant.length, grant.contentType);
      }
      if (request.method !== 'GET') return answer(response, 405, 'Download with GET.');
      const bytes = await store.read(grant.key);
      if (!bytes) return answer(response, 404, 'No such file.');
      response.writeHead(200, {
        'content-type': grant.contentType,
        'content-length': bytes.length,
        'content-disposition': contentDisposition(grant.fileName),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      });
      response.end(bytes);
    },
  };
  return store;
}
