/** Control characters other than newline and tab (Postgres text cannot even hold NUL). */
const control = /[^\P{Cc}\n\t]/gu;

/** One line: NFC, every run of whitespace one space, no control characters, trimmed. */
export function singleLineText(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/gu, ' ').replace(control, '').trim();
}

/** Paragraphs: NFC, `\n` line ends, no other control characters, trimmed. */
export function multiLineText(raw: string): string {
  return raw.normalize('NFC').replace(/\r\n?/g, '\n').replace(control, '').trim();
}

/** Characters as Postgres' `char_length` counts them (code points, not UTF-16 units). */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
