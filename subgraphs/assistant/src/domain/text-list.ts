import { userError, type UserError } from '@jobgraph/kit';
import { characterCount, singleLineText } from './plain-text.ts';

export interface TextListRule {
  /** Path of the list in the mutation's arguments; an entry's errors add its index. */
  readonly field: readonly string[];
  readonly maxItems: number;
  readonly maxLength: number;
  /** "skill", "title": names an entry in messages. */
  readonly noun: string;
}

export interface NormalizedTextList {
  readonly values: readonly string[];
  readonly errors: readonly UserError[];
}

/**
 * Trims each entry to one line, drops blank ones and case-insensitive duplicates (the
 * first spelling wins), then checks lengths and the count. An entry's error names its
 * index in the list as sent, so a client can point at it.
 *
 * @example normalizeTextList([' TypeScript ', 'typescript', 'Go'], rule) // values: ['TypeScript', 'Go']
 */
export function normalizeTextList(raw: readonly string[], rule: TextListRule): NormalizedTextList {
  const values: string[] = [];
  const errors: UserError[] = [];
  const seen = new Set<string>();
  raw.forEach((entry, index) => {
    const value = singleLineText(entry);
    if (value === '') return;
    if (characterCount(value) > rule.maxLength) {
      errors.push(userError('TOO_LONG', `Each ${rule.noun} may have at most ${rule.maxLength} characters.`, [...rule.field, String(index)]));
      return;
    }
    const key = value.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    values.push(value);
  });
  if (values.length > rule.maxItems) {
    errors.push(userError('TOO_MANY_ITEMS', `Give at most ${rule.maxItems} ${rule.noun}s; there are ${values.length} different ones.`, rule.field));
  }
  return { values, errors };
}
