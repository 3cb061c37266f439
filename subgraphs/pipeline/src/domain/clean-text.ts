/** A cleaned text field: its value (null when blank), or too long after cleaning. */
export type CleanText = { readonly ok: true; readonly value: string | null } | { readonly ok: false; readonly reason: 'too-long' };

/**
 * Trims a user's text and turns a blank one into null. `singleLine` also collapses every
 * run of whitespace (newlines included) to one space, for names and titles.
 */
export function cleanText(raw: string | null | undefined, maxLength: number, options: { readonly singleLine?: boolean } = {}): CleanText {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  const normalized = raw.normalize('NFC');
  const value = (options.singleLine ? normalized.replace(/\s+/g, ' ') : normalized).trim();
  if (value.length === 0) return { ok: true, value: null };
  if (value.length > maxLength) return { ok: false, reason: 'too-long' };
  return { ok: true, value };
}
