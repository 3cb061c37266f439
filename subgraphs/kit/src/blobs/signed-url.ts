import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a local-disk URL grants: one operation on one key until a time, with a signed length for uploads. */
export interface BlobGrant {
  readonly op: 'put' | 'get';
  readonly key: string;
  /** Unix seconds. */
  readonly expires: number;
  /** put: the exact body length; get: 0. */
  readonly length: number;
  readonly contentType: string;
  /** get: the download's file name; put: empty. */
  readonly fileName: string;
}

const fields = ['op', 'key', 'expires', 'length', 'contentType', 'fileName'] as const;

function signature(secret: string, grant: BlobGrant): string {
  const canonical = fields.map((field) => `${field}=${encodeURIComponent(String(grant[field]))}`).join('&');
  return createHmac('sha256', secret).update(canonical).digest('base64url');
}

/** The query string of a signed URL. */
export function signGrant(secret: string, grant: BlobGrant): string {
  const query = new URLSearchParams();
  for (const field of fields) query.set(field, String(grant[field]));
  query.set('sig', signature(secret, grant));
  return query.toString();
}

export type GrantCheck = { readonly ok: true; readonly grant: BlobGrant } | { readonly ok: false; readonly reason: 'malformed' | 'bad-signature' | 'expired' };

/** Reads and checks a signed URL's query: the signature over every field, then the expiry. */
export function verifyGrant(secret: string, query: URLSearchParams, nowSeconds: number): GrantCheck {
  const op = query.get('op');
  const key = query.get('key');
  const expires = Number(query.get('expires'));
  const length = Number(query.get('length'));
  const contentType = query.get('contentType');
  const fileName = query.get('fileName');
  const sig = query.get('sig');
  if ((op !== 'put' && op !== 'get') || !key || !Number.isSafeInteger(expires) || !Number.isSafeInteger(length) || length < 0 || contentType === null || fileName === null || !sig) {
    return { ok: false, reason: 'malformed' };
  }
  const grant: BlobGrant = { op, key, expires, length, contentType, fileName };
  const expected = Buffer.from(signature(secret, grant));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };
  if (expires < nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, grant };
}
