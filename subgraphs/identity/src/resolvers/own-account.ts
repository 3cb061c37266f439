import type { User } from '../db/types.ts';

/**
 * Rows that the caller of this very request has just proved to own (by signing up or
 * in), so their private fields are shown although the request carried no token yet.
 * Keyed by object identity: nothing outlives the request's own rows.
 */
const provenOwner = new WeakSet<User>();

export function markProvenOwner(user: User): User {
  provenOwner.add(user);
  return user;
}

export function isProvenOwner(user: User): boolean {
  return provenOwner.has(user);
}
