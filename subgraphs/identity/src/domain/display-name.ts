import { userError, type UserError } from '@jobgraph/kit';

/** Trimmed, single-spaced, 1–100 characters, no control characters. */
export function normalizeDisplayName(raw: string): { name: string } | { error: UserError } {
  const name = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name.length === 0 || name.length > 100 || /\p{Cc}/u.test(name)) {
    return { error: userError('INVALID_DISPLAY_NAME', 'Use 1 to 100 visible characters.', ['input', 'displayName']) };
  }
  return { name };
}
