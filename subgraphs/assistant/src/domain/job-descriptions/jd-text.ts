import { createHash } from 'node:crypto';

/** The longest job description a user may paste. */
export const maxJobDescriptionLength = 50_000;

/**
 * The text two pastes of one job description share: Unicode-normalized (NFKC), lower
 * case, without zero-width characters, bullets or decoration, whitespace collapsed.
 * Copying the same posting from a browser twice (different line breaks, bullets,
 * non-breaking spaces) gives the same text.
 */
export function normalizeJobDescription(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/^[\s•▪‣◦●■*·–—-]+/gmu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** SHA-256 (hex) of the normalized text: the key that deduplicates a user's job descriptions. */
export function jobDescriptionHash(raw: string): string {
  return createHash('sha256').update(normalizeJobDescription(raw)).digest('hex');
}
