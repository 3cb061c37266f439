import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalDiskBlobStore, createS3BlobStore, localBlobPath, type BlobStore, type RouteHandlerLike } from '@jobgraph/kit/blobs/index';

export interface AssistantBlobs {
  readonly store: BlobStore;
  /** The local-disk store's signed-URL route, to mount beside /graphql; none for S3. */
  readonly routes: Readonly<Record<string, RouteHandlerLike>>;
  /** Tells the local-disk store the origin it serves on, once the server listens. */
  setOrigin(origin: string): void;
}

/**
 * The assistant's blob store from its settings:
 * - `ASSISTANT_BLOB_STORE=s3` with `S3_ENDPOINT`, `S3_BUCKET`, `S3_ACCESS_KEY`, `S3_SECRET_KEY`, `S3_REGION`;
 * - otherwise local disk under `ASSISTANT_BLOB_DIR` (default: a folder in the OS temp dir), URLs signed
 *   with `ASSISTANT_BLOB_SECRET` (default: random per process, so links die with it) and served by the
 *   assistant itself at `/blobs` on `ASSISTANT_PUBLIC_ORIGIN` (default: its own listening address).
 * Either way `ASSISTANT_BLOB_URL_MAX_SECONDS`, when set, caps how long any signed upload or
 * download URL lives (uploads 15 minutes and downloads 5 otherwise).
 */
export function assistantBlobs(env: NodeJS.ProcessEnv): AssistantBlobs {
  const blobs = blobStoreFrom(env);
  const max = env.ASSISTANT_BLOB_URL_MAX_SECONDS;
  if (max === undefined || max === '') return blobs;
  const seconds = Number(max);
  if (!Number.isSafeInteger(seconds) || seconds < 1) throw new Error('ASSISTANT_BLOB_URL_MAX_SECONDS must be a whole number of seconds, at least 1');
  return { ...blobs, store: withUrlLifetimeCap(blobs.store, seconds) };
}

/** The same store, every signed URL it makes living at most `seconds`. */
function withUrlLifetimeCap(store: BlobStore, seconds: number): BlobStore {
  return {
    presignUpload: (key, upload) => store.presignUpload(key, { ...upload, expiresInSeconds: Math.min(upload.expiresInSeconds, seconds) }),
    presignDownload: (key, download) => store.presignDownload(key, { ...download, expiresInSeconds: Math.min(download.expiresInSeconds, seconds) }),
    write: (key, bytes, contentType) => store.write(key, bytes, contentType),
    read: (key) => store.read(key),
    delete: (key) => store.delete(key),
  };
}

function blobStoreFrom(env: NodeJS.ProcessEnv): AssistantBlobs {
  if (env.ASSISTANT_BLOB_STORE === 's3') {
    const required = (name: string): string => {
      const value = env[name];
      if (!value) throw new Error(`${name} is required when ASSISTANT_BLOB_STORE=s3`);
      return value;
    };
    const store = createS3BlobStore({
      endpoint: required('S3_ENDPOINT'),
      region: env.S3_REGION ?? 'us-east-1',
      bucket: required('S3_BUCKET'),
      accessKeyId: required('S3_ACCESS_KEY'),
      secretAccessKey: required('S3_SECRET_KEY'),
    });
    return { store, routes: {}, setOrigin: () => {} };
  }
  let origin = env.ASSISTANT_PUBLIC_ORIGIN ?? '';
  const fixed = origin !== '';
  const store = createLocalDiskBlobStore({
    root: env.ASSISTANT_BLOB_DIR ?? join(tmpdir(), 'jobgraph-blobs'),
    secret: env.ASSISTANT_BLOB_SECRET ?? randomBytes(32).toString('base64url'),
    origin: () => origin,
  });
  return {
    store,
    routes: { [localBlobPath]: store.route },
    setOrigin: (listening) => {
      if (!fixed) origin = listening;
    },
  };
}
