/** One non-empty line of a CV's text, with its list marker (•, -, – …) removed and noted. */
export interface CvLine {
  readonly text: string;
  readonly bullet: boolean;
}

const marker = /^[•▪‣◦●■□➢➤►▸*·–—-]\s+/u;

/**
 * The text's lines, trimmed, spaces collapsed (tabs become a wide gap of three spaces,
 * which entry parsing reads as a separator), empty ones dropped, list markers noted.
 */
export function cvLines(text: string): CvLine[] {
  const lines: CvLine[] = [];
  for (const raw of text.normalize('NFC').split('\n')) {
    const spaced = raw.replace(/\t+/g, '   ').replace(/[\u00a0\u2000-\u200b]/g, ' ').replace(/ {4,}/g, '   ').trim();
    // Empty lines and drawn rules ("-----", "=====", "_____") carry nothing.
    if (spaced === '' || /^[-=_~*·.•\s]{3,}$/u.test(spaced)) continue;
    const bullet = marker.test(spaced);
    const text = bullet ? spaced.replace(marker, '').trim() : spaced;
    if (text !== '') lines.push({ text, bullet });
  }
  return lines;
}

/** Words of a line, for counting. */
export const wordsOf = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '');

/**
 * Whether a line reads like a heading-ish label (a name, a title, a company) rather than
 * a sentence: short, no final full stop, and most longer words capitalised.
 */
export function looksLikeLabel(text: string, maxWords = 8): boolean {
  const words = wordsOf(text);
  if (words.length === 0 || words.length > maxWords || text.length > 80 || /[.!?;]$/.test(text)) return false;
  const long = words.filter((w) => /^\p{L}/u.test(w) && w.length > 3);
  if (long.length === 0) return true;
  const capitalised = long.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised / long.length >= 0.6;
}
