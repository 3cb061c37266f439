import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits: too much entropy to guess, so a fast hash is the right one to store. */
export function generateOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashOpaqueToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
