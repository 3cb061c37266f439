import { fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';

export const maxTags = 20;
export const maxTagLength = 40;

/** Lower-case, trimmed, single-spaced: "  Type Script " and "type script" are one tag. */
export function normalizeTag(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Normalized tags without duplicates, in the order given; each 1–40 visible characters, at most 20. */
export function normalizeTags(raw: readonly string[], field: readonly string[]): Outcome<string[]> {
  const errors: UserError[] = [];
  const tags: string[] = [];
  raw.forEach((value, index) => {
    const tag = normalizeTag(value);
    if (tag.length === 0 || tag.length > maxTagLength || /\p{Cc}/u.test(tag)) {
      errors.push(userError('INVALID_TAGS', `Each tag needs 1 to ${maxTagLength} visible characters.`, [...field, String(index)]));
    } else if (!tags.includes(tag)) {
      tags.push(tag);
    }
  });
  if (errors.length > 0) return fail(...errors);
  if (tags.length > maxTags) return fail(userError('INVALID_TAGS', `Use at most ${maxTags} tags.`, [...field]));
  return succeed(tags);
}
