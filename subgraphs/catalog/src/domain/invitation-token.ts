import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, URL-safe: what the invitee receives once. */
export const newInvitationToken = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of a token: its SHA-256. */
export const hashInvitationToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();
