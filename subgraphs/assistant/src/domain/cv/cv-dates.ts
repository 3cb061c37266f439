/** A period as a CV gives it: `YYYY-MM` when the month is written, else `YYYY`; no end while current. */
export interface CvPeriod {
  readonly start: string | null;
  readonly end: string | null;
  readonly isCurrent: boolean;
}

export interface FoundPeriod extends CvPeriod {
  /** The line without the period and the punctuation around it. */
  readonly rest: string;
  /** Where the period began in the line (0 when it opens the line). */
  readonly at: number;
}

const monthNames: Readonly<Record<string, number>> = {};
const monthLists: readonly (readonly string[])[] = [
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  ['januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'],
  ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
];
for (const list of monthLists) {
  list.forEach((name, index) => {
    (monthNames as Record<string, number>)[name] = index + 1;
    for (const length of [3, 4]) (monthNames as Record<string, number>)[name.slice(0, length)] ??= index + 1;
  });
}
(monthNames as Record<string, number>).sept = 9;
(monthNames as Record<string, number>).janv = 1;
(monthNames as Record<string, number>).févr = 2;
(monthNames as Record<string, number>).juil = 7;

const monthWord = Object.keys(monthNames).sort((a, b) => b.length - a.length).join('|');
const presentWords = ['present', 'current', 'currently', 'now', 'today', 'ongoing', 'heute', 'bis heute', 'aktuell', 'jetzt', 'aujourd’hui', "aujourd'hui", 'présent', 'actualidad', 'presente', 'actual', 'hoy', 'heden'];
const presentWord = presentWords.sort((a, b) => b.length - a.length).map((w) => w.replace(/'/g, "'")).join('|');

const datePart = `(?:(?:${monthWord})\\.?\\s+\\d{4}|\\d{1,2}[./]\\d{4}|\\d{4}[-/.]\\d{1,2}(?!\\d)|(?:19|20)\\d{2})`;
const endPart = `(?:${datePart}|${presentWord})`;
const separator = `\\s*(?:–|—|-|‒|to|until|till|bis|à|au|a|hasta|tot)\\s*`;
const rangePattern = new RegExp(`(?<![\\p{L}\\d])(${datePart})(?:${separator}(${endPart}))?(?![\\p{L}\\d])`, 'iu');

/** One written date as `YYYY-MM` or `YYYY`; null for text that is not a date. */
export function parseCvDate(raw: string): string | null {
  const text = raw.trim().toLowerCase().replace(/\.$/, '');
  let match = /^(\p{L}+)\.?\s+(\d{4})$/u.exec(text);
  if (match) {
    const month = monthNames[match[1] ?? ''];
    return month ? `${match[2]}-${String(month).padStart(2, '0')}` : null;
  }
  match = /^(\d{1,2})[./](\d{4})$/.exec(text);
  if (match) return validMonth(match[2], match[1]);
  match = /^(\d{4})[-/.](\d{1,2})$/.exec(text);
  if (match) return validMonth(match[1], match[2]);
  match = /^((?:19|20)\d{2})$/.exec(text);
  return match ? (match[1] ?? null) : null;
}

function validMonth(year: string | undefined, month: string | undefined): string | null {
  const m = Number(month);
  return year && m >= 1 && m <= 12 ? `${year}-${String(m).padStart(2, '0')}` : null;
}

const isPresent = (raw: string): boolean => presentWords.includes(raw.trim().toLowerCase().replace(/'/g, "'"));

/**
 * The first period in a line ("Jan 2020 – Present", "03/2019 - 05/2021", "2019-03 to now",
 * "mars 2019 – aujourd’hui", "2018"), and what the line says around it.
 *
 * @example findPeriod('Engineer — Acme   Jan 2020 – Present') // { start: '2020-01', end: null, isCurrent: true, rest: 'Engineer — Acme', at: 18 }
 */
export function findPeriod(line: string): FoundPeriod | null {
  const match = rangePattern.exec(line);
  if (!match || match.index === undefined) return null;
  const start = parseCvDate(match[1] ?? '');
  if (!start) return null;
  const endText = match[2];
  const current = endText !== undefined && isPresent(endText);
  const end = endText === undefined ? null : current ? null : parseCvDate(endText);
  const before = line.slice(0, match.index);
  const after = line.slice(match.index + match[0].length);
  const rest = `${before.replace(/[\s(,|—–-]+$/u, '')}${after.trim() === '' || after.trim() === ')' ? '' : `   ${after.replace(/^[\s),|—–-]+/u, '')}`}`.trim();
  // A single date is an end (a graduation, "since" is rare): a range gives both.
  if (endText === undefined) return { start: null, end: start, isCurrent: false, rest, at: match.index };
  return { start, end, isCurrent: current, rest, at: match.index };
}
