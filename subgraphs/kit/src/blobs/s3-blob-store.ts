import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { assertBlobKey, contentDisposition, type BlobStore } from './blob-store.ts';

export interface S3BlobStoreOptions {
  /** E.g. `http://127.0.0.1:7070`; omit for AWS itself. */
  readonly endpoint?: string;
  readonly region: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Path-style URLs (`endpoint/bucket/key`), which most S3-compatible servers need. */
  readonly forcePathStyle?: boolean;
}

/** Files in any S3-compatible store, through @aws-sdk/client-s3 and SigV4 presigned URLs. */
export function createS3BlobStore(options: S3BlobStoreOptions): BlobStore & { readonly client: S3Client } {
  const client = new S3Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle ?? true,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
  });
  const Bucket = options.bucket;
  return {
    client,
    async presignUpload(key, upload) {
      assertBlobKey(key);
      // Content-Length and Content-Type are signed headers: the store refuses any other size or type.
      const command = new PutObjectCommand({ Bucket, Key: key, ContentType: upload.contentType, ContentLength: upload.contentLength });
      const url = await getSignedUrl(client, command, { expiresIn: upload.expiresInSeconds, signableHeaders: new Set(['content-type', 'content-length']) });
      return { url, method: 'PUT', headers: { 'content-type': upload.contentType } };
    },
    async presignDownload(key, download) {
      assertBlobKey(key);
      const command = new GetObjectCommand({ Bucket, Key: key, ResponseContentDisposition: contentDisposition(download.fileName), ResponseContentType: download.contentType });
      return getSignedUrl(client, command, { expiresIn: download.expiresInSeconds });
    },
    async write(key, bytes, contentType) {
      assertBlobKey(key);
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: contentType, ContentLength: bytes.length }));
    },
    async read(key) {
      assertBlobKey(key);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : null;
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    async delete(key) {
      assertBlobKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
}
