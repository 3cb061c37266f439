import { fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';
import type { DbTagKind, DbTagRequirement } from '../db/types.ts';
import { maxTagLength, maxTags, normalizeTag } from './listing-tags.ts';

/** One tag of a listing in the taxonomy. */
export interface Tagging {
  readonly tag: string;
  readonly kind: DbTagKind;
  readonly requirement: DbTagRequirement;
  /** 1 basic … 5 expert; null when it does not apply. */
  readonly level: number | null;
}

export interface TaggingInput {
  readonly name: string;
  readonly kind?: DbTagKind | null;
  readonly requirement?: DbTagRequirement | null;
  readonly level?: number | null;
}

/** A plain tag: a required skill without a level. */
export const plainTagging = (tag: string): Tagging => ({ tag, kind: 'skill', requirement: 'required', level: null });

/**
 * Normalized taggings in the order given; a repeated name keeps its first entry. Each name
 * 1–40 visible characters, at most 20 tags, a level from 1 to 5.
 */
export function validateTaggings(raw: readonly TaggingInput[], field: readonly string[]): Outcome<Tagging[]> {
  const errors: UserError[] = [];
  const taggings: Tagging[] = [];
  raw.forEach((input, index) => {
    const tag = normalizeTag(input.name);
    const at = [...field, String(index)];
    if (tag.length === 0 || tag.length > maxTagLength || /\p{Cc}/u.test(tag)) {
      errors.push(userError('INVALID_TAGS', `Each tag needs 1 to ${maxTagLength} visible characters.`, [...at, 'name']));
      return;
    }
    const level = input.level ?? null;
    if (level !== null && (!Number.isInteger(level) || level < 1 || level > 5)) {
      errors.push(userError('INVALID_TAG_LEVEL', 'A level is a whole number from 1 (basic) to 5 (expert).', [...at, 'level']));
      return;
    }
    if (!taggings.some((existing) => existing.tag === tag)) {
      taggings.push({ tag, kind: input.kind ?? 'skill', requirement: input.requirement ?? 'required', level });
    }
  });
  if (errors.length > 0) return fail(...errors);
  if (taggings.length > maxTags) return fail(userError('INVALID_TAGS', `Use at most ${maxTags} tags.`, [...field]));
  return succeed(taggings);
}
