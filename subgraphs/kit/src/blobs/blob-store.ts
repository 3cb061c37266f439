/**
 * Where files live, for every domain: presigned URLs let clients move the bytes straight
 * to and from the store, never through GraphQL. The local-disk store (the default) serves
 * its own HMAC-signed, expiring URLs; the S3 store works with any S3-compatible server.
 */
export interface BlobStore {
  /**
   * A URL the client PUTs the file to, valid for `expiresInSeconds`. The length is signed:
   * the store refuses a body of any other size, so the size limit holds without trusting
   * the client. The client must send the given headers.
   */
  presignUpload(key: string, upload: UploadRequest): Promise<PresignedUpload>;
  /** A URL that downloads the file as an attachment named `fileName`, valid for `expiresInSeconds`. */
  presignDownload(key: string, download: DownloadRequest): Promise<string>;
  /** Stores bytes the server itself made (a rendered PDF), replacing any file under the key. */
  write(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The stored bytes, or null when nothing is stored under the key. */
  read(key: string): Promise<Buffer | null>;
  /** Removes the file; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
}

export interface UploadRequest {
  readonly contentType: string;
  readonly contentLength: number;
  readonly expiresInSeconds: number;
}

export interface DownloadRequest {
  readonly fileName: string;
  readonly contentType: string;
  readonly expiresInSeconds: number;
}

export interface PresignedUpload {
  readonly url: string;
  readonly method: 'PUT';
  readonly headers: Readonly<Record<string, string>>;
}

/** Keys are the store's own (ids and fixed words), never a user's file name. */
const keyPattern = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

export function assertBlobKey(key: string): void {
  if (key.length > 512 || !keyPattern.test(key) || key.includes('..')) throw new Error(`not a blob key: ${JSON.stringify(key.slice(0, 80))}`);
}

/**
 * A file name fit for a Content-Disposition header: the last path segment, without
 * control characters, quotes or backslashes, at most 200 characters; "file" when nothing is left.
 *
 * @example safeFileName('../../etc/passwd') // 'passwd'
 */
export function safeFileName(raw: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = last.normalize('NFC').replace(/[\p{Cc}"\\]/gu, '').replace(/^\.+/, '').trim().slice(0, 200);
  return cleaned === '' ? 'file' : cleaned;
}

export function contentDisposition(fileName: string): string {
  const name = safeFileName(fileName);
  const ascii = name.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
