import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: 43 characters, 256 bits nobody guesses. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function newFeedToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: its sha-256. */
export function feedTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Whether a string could be a token at all (anything else costs no SQL). */
export function looksLikeFeedToken(value: string | null): value is string {
  return value !== null && tokenPattern.test(value);
}
