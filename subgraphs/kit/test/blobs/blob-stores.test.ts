import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BlobStore } from '../../src/blobs/blob-store.ts';
import { createLocalDiskBlobStore, localBlobPath, type LocalDiskBlobStore } from '../../src/blobs/local-disk-blob-store.ts';
import { createS3BlobStore } from '../../src/blobs/s3-blob-store.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `endpoint|accessKey|secretKey` of the run's S3-compatible server (scripts/src/testing/test-s3.ts). */
    s3: string;
  }
}

const cv = Buffer.from('%PDF-1.7\nAda Lovelace, analyst\n%%EOF');

async function put(url: string, body: Buffer, contentType = 'application/pdf'): Promise<number> {
  const response = await fetch(url, { method: 'PUT', body, headers: { 'content-type': contentType } });
  await response.arrayBuffer();
  return response.status;
}

/** What every store must do, against a real server over real HTTP. */
function behavesAsABlobStore(name: string, store: () => BlobStore) {
  describe(`${name}: presigned upload and download`, () => {
    it('stores what was PUT to the upload URL and serves it as a named attachment', async () => {
      const key = `tests/${crypto.randomUUID()}`;
      const upload = await store().presignUpload(key, { contentType: 'application/pdf', contentLength: cv.length, expiresInSeconds: 60 });
      expect(upload.method).toBe('PUT');
      expect(await put(upload.url, cv)).toBe(200);
      expect(await store().read(key)).toEqual(cv);

      const url = await store().presignDownload(key, { fileName: '../../etc/Ada CV.pdf', contentType: 'application/pdf', expiresInSeconds: 60 });
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toContain('filename="Ada CV.pdf"');
      expect(Buffer.from(await response.arrayBuffer())).toEqual(cv);

      await store().delete(key);
      expect(await store().read(key)).toBeNull();
    });

    it('stores bytes the server wrote itself and serves them through a download URL', async () => {
      const key = `tests/${crypto.randomUUID()}.pdf`;
      await store().write(key, cv, 'application/pdf');
      await store().write(key, Buffer.concat([cv, Buffer.from('\n')]), 'application/pdf');
      const response = await fetch(await store().presignDownload(key, { fileName: 'resume.pdf', contentType: 'application/pdf', expiresInSeconds: 60 }));
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.concat([cv, Buffer.from('\n')]));
    });

    it('refuses a body larger than the signed length (a 30 MB upload on a small grant) and stores nothing', async () => {
      const key = `tests/${crypto.randomUUID()}`;
      const upload = await store().presignUpload(key, { contentType: 'application/pdf', contentLength: 1024, expiresInSeconds: 60 });
      const status = await put(upload.url, Buffer.alloc(30 * 1024 * 1024, 0x41)).catch(() => 0);
      expect(status === 0 || status >= 400).toBe(true);
      expect(await store().read(key)).toBeNull();
    });

    it('refuses an altered URL: another key, a changed signature', async () => {
      const id = crypto.randomUUID();
      const key = `tests/${id}`;
      const upload = await store().presignUpload(key, { contentType: 'application/pdf', contentLength: cv.length, expiresInSeconds: 60 });
      const otherKey = upload.url.replace(id, crypto.randomUUID());
      expect(otherKey).not.toBe(upload.url);
      expect(await put(otherKey, cv)).toBeGreaterThanOrEqual(400);
      expect(await store().read(key)).toBeNull();
      const download = await store().presignDownload(key, { fileName: 'a.pdf', contentType: 'application/pdf', expiresInSeconds: 60 });
      const tampered = download.replace(/(sig|Signature)=([^&])/, (_m, field: string, first: string) => `${field}=${first === 'A' ? 'B' : 'A'}`);
      expect(tampered).not.toBe(download);
      expect((await fetch(tampered)).status).toBeGreaterThanOrEqual(400);
    });

    it('refuses an expired URL', async () => {
      const key = `tests/${crypto.randomUUID()}`;
      const upload = await store().presignUpload(key, { contentType: 'application/pdf', contentLength: cv.length, expiresInSeconds: 1 });
      await new Promise((resolve) => setTimeout(resolve, 2100));
      expect(await put(upload.url, cv)).toBeGreaterThanOrEqual(400);
      expect(await store().read(key)).toBeNull();
    });
  });
}

describe('the local-disk store on loopback', () => {
  let root: string;
  let server: Server;
  let local: LocalDiskBlobStore;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'jobgraph-blobs-'));
    let origin = '';
    local = createLocalDiskBlobStore({ root, secret: 'a-test-secret-of-at-least-32-characters', origin: () => origin });
    server = createServer((request, response) => {
      if (new URL(request.url ?? '/', 'http://x').pathname === localBlobPath) void local.route(request, response);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await rm(root, { recursive: true, force: true });
  });

  behavesAsABlobStore('local disk', () => local);

  it('answers an expired link 410 and a forged one 403, and a GET link cannot upload', async () => {
    const key = `tests/${crypto.randomUUID()}`;
    const download = await local.presignDownload(key, { fileName: 'a.pdf', contentType: 'application/pdf', expiresInSeconds: -1 });
    expect((await fetch(download)).status).toBe(410);
    const forged = download.replace('op=get', 'op=put');
    expect(await put(forged, cv)).toBe(403);
  });
});

describe('an S3-compatible server (versitygw from infra/s3)', () => {
  const [endpoint = '', accessKeyId = '', secretAccessKey = ''] = inject('s3').split('|');
  const bucket = `jobgraph-test-${crypto.randomUUID().slice(0, 8)}`;
  const s3 = createS3BlobStore({ endpoint, region: 'us-east-1', bucket, accessKeyId, secretAccessKey });
  beforeAll(async () => {
    if (!endpoint) throw new Error('This test needs an S3-compatible server: run it by path, or set S3_ENDPOINT, S3_ACCESS_KEY and S3_SECRET_KEY.');
    await s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterAll(() => s3.client.destroy());

  behavesAsABlobStore('S3', () => s3);
});
