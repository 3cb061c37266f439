import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** A provider token sealed under one key of the ring: AES-256-GCM `iv(12) | tag(16) | ciphertext`. */
export interface SealedToken {
  readonly keyId: string;
  readonly sealed: Buffer;
}

/**
 * Several AES-256 keys, one current. New tokens are sealed under the current key; a token
 * is opened with the key whose id is stored beside it, so a new key takes over at once
 * and older rows move to it when they are next written (or by `rewrap`), never all at once.
 * `context` (e.g. `integration_accounts:<row id>`) is bound as associated data: a
 * ciphertext copied into another row does not open.
 */
export interface TokenKeyRing {
  readonly currentKeyId: string;
  seal(plain: string, context: string): SealedToken;
  open(token: SealedToken, context: string): string;
  /** True when the token was sealed under a key other than the current one. */
  isStale(keyId: string): boolean;
}

export class UnknownTokenKeyError extends Error {
  readonly keyId: string;
  constructor(keyId: string) {
    super(`no key with id ${keyId} in the token key ring`);
    this.keyId = keyId;
  }
}

export function createTokenKeyRing(keys: ReadonlyMap<string, Buffer>, currentKeyId: string): TokenKeyRing {
  for (const [id, key] of keys) if (key.length !== 32) throw new Error(`token key ${id} must be 32 bytes, not ${key.length}`);
  const current = keys.get(currentKeyId);
  if (!current) throw new UnknownTokenKeyError(currentKeyId);
  return {
    currentKeyId,
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return { keyId: currentKeyId, sealed: Buffer.concat([iv, cipher.getAuthTag(), body]) };
    },
    open(token, context) {
      const key = keys.get(token.keyId);
      if (!key) throw new UnknownTokenKeyError(token.keyId);
      const decipher = createDecipheriv('aes-256-gcm', key, token.sealed.subarray(0, 12));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(token.sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(token.sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
    isStale: (keyId) => keyId !== currentKeyId,
  };
}

/**
 * The ring from configuration: `IDENTITY_TOKEN_KEYS` is `id:base64key,id:base64key`
 * (32-byte keys); the current one is `IDENTITY_TOKEN_KEY_ID`, or the first listed.
 * Without keys (development), one key derived from the identity secret, id `dev-1`.
 */
export function tokenKeyRingFromConfig(config: { readonly IDENTITY_TOKEN_KEYS?: string | undefined; readonly IDENTITY_TOKEN_KEY_ID?: string | undefined; readonly IDENTITY_KEY_SECRET: string }): TokenKeyRing {
  const keys = parseTokenKeys(config.IDENTITY_TOKEN_KEYS ?? '');
  if (keys.size === 0) {
    const derived = Buffer.from(hkdfSync('sha256', config.IDENTITY_KEY_SECRET, 'jobgraph-identity', 'provider-token-encryption', 32));
    return createTokenKeyRing(new Map([['dev-1', derived]]), 'dev-1');
  }
  return createTokenKeyRing(keys, config.IDENTITY_TOKEN_KEY_ID ?? [...keys.keys()][0]!);
}

export function parseTokenKeys(text: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon);
    if (colon < 1 || !/^[\w.-]{1,40}$/.test(id)) throw new Error('IDENTITY_TOKEN_KEYS entries are id:base64key, the id of letters, digits, . _ -');
    if (keys.has(id)) throw new Error(`IDENTITY_TOKEN_KEYS names ${id} twice`);
    keys.set(id, Buffer.from(entry.slice(colon + 1), 'base64'));
  }
  return keys;
}
