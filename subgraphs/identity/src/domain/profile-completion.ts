import type { User } from '../db/types.ts';

/** What a complete profile has, each worth the same share. */
const parts: readonly ((user: User) => boolean)[] = [
  (user) => user.email_verified_at !== null,
  (user) => user.first_name !== null,
  (user) => user.last_name !== null,
  (user) => user.avatar_url !== null,
  (user) => user.phone !== null,
  (user) => user.timezone !== null,
  (user) => user.locale !== null,
  (user) => user.bio !== null,
  (user) => user.links.length > 0,
];

/** 0–100, rounded down, so 100 means every part is there. */
export function profileCompletion(user: User): number {
  return Math.floor((100 * parts.filter((has) => has(user)).length) / parts.length);
}
