import { findPeriod, type FoundPeriod } from './cv-dates.ts';
import { looksLikeLabel, wordsOf, type CvLine } from './cv-lines.ts';

/** One entry of a dated list (a job, a degree): the label parts around its period, and its detail lines. */
export interface RawEntry {
  /** Label pieces in reading order: "Title — Company", "COMPANY, City" split at their separators. */
  readonly parts: readonly string[];
  readonly period: FoundPeriod | null;
  /** Bullets and paragraphs under the entry, wrapped lines joined. */
  readonly details: readonly string[];
}

export interface SplitOptions {
  /** Split "Engineer at Acme" at " at " (jobs; never schools: "University of Texas at Austin"). */
  readonly splitAt: boolean;
}

/** The pieces of a label line: at wide gaps, pipes and dashes, then " at ", then commas. */
export function splitParts(text: string, options: SplitOptions): string[] {
  const clean = (parts: string[]) => parts.map((p) => p.replace(/^[\s(|,–—-]+|[\s)|,–—-]+$/gu, '').trim()).filter((p) => p !== '' && !filler(p));
  // "Acme (Berlin)": the place in parentheses is a piece of its own.
  const opened = text.replace(/\s*\(([^()]{2,40})\)(?=\s|$)/gu, '   $1   ');
  let parts = clean(opened.split(/\s{3,}|\s+[|–—]\s+|\s+-\s+/u));
  if (parts.length === 1 && options.splitAt) {
    const at = /^(.+?)\s+(?:at|@|bei|chez|en)\s+(\p{Lu}.+)$/u.exec(parts[0] ?? '');
    if (at) parts = clean([at[1] ?? '', at[2] ?? '']);
  }
  return parts.flatMap((part) => {
    const pieces = clean(part.split(/,\s+/));
    return pieces.length > 1 && pieces.length <= 3 && pieces.every((p) => wordsOf(p).length <= 7) ? pieces : [part];
  });
}

/** A piece that says nothing itself: a bare field label ("Dates:") or a word before a date ("Graduated", "since"). */
const filler = (part: string): boolean => /^[\p{L} ]{1,20}:$/u.test(part) || /^(?:graduated|since|seit|depuis|desde|from|von|de|expected|completed|awarded)$/iu.test(part);

/** How many label lines an entry has beside its period line: two pieces (e.g. title and company) in all. */
const piecesWanted = 2;

/**
 * Groups a section's lines into entries around their periods. The label pieces an entry
 * lacks on its period line are taken from label-like lines just above it (never a bullet,
 * never a sentence), else just below it; the lines up to the next entry are its details.
 * A section without any period is read as label lines, each starting an entry.
 */
export function groupEntries(lines: readonly CvLine[], options: SplitOptions): RawEntry[] {
  const periods = lines.map((line) => (line.bullet || wordsOf(line.text).length > 16 ? null : findPeriod(line.text)));
  const anchors = periods.flatMap((period, index) => (period ? [index] : []));
  if (anchors.length === 0) return undatedEntries(lines, options);
  const claimed = new Set<number>();
  const headers: { from: number; to: number; parts: string[]; period: FoundPeriod }[] = [];
  anchors.forEach((anchor, n) => {
    const period = periods[anchor] as FoundPeriod;
    const own = splitParts(period.rest, options);
    claimed.add(anchor);
    let need = Math.max(0, piecesWanted - own.length);
    const above: number[] = [];
    const floor = n > 0 ? (anchors[n - 1] as number) : -1;
    for (let j = anchor - 1; j > floor && need > 0; j--) {
      if (!candidate(lines, j, claimed)) break;
      above.unshift(j);
      need -= Math.max(1, splitParts(lines[j]?.text ?? '', options).length);
    }
    const below: number[] = [];
    const ceiling = anchors[n + 1] ?? lines.length;
    for (let k = anchor + 1; k < ceiling && need > 0; k++) {
      if (!candidate(lines, k, claimed)) break;
      below.push(k);
      need -= Math.max(1, splitParts(lines[k]?.text ?? '', options).length);
    }
    for (const index of [...above, ...below]) claimed.add(index);
    const parts = [...above.flatMap((j) => splitParts(lines[j]?.text ?? '', options)), ...own, ...below.flatMap((k) => splitParts(lines[k]?.text ?? '', options))];
    headers.push({ from: above[0] ?? anchor, to: below.at(-1) ?? anchor, parts, period });
  });
  return headers.map((header, n) => {
    const next = headers[n + 1]?.from ?? lines.length;
    return { parts: header.parts, period: header.period, details: joinDetails(lines.slice(header.to + 1, next)) };
  });
}

function candidate(lines: readonly CvLine[], index: number, claimed: ReadonlySet<number>): boolean {
  const line = lines[index];
  return line !== undefined && !claimed.has(index) && !line.bullet && looksLikeLabel(line.text);
}

function undatedEntries(lines: readonly CvLine[], options: SplitOptions): RawEntry[] {
  const entries: { parts: string[]; details: CvLine[] }[] = [];
  for (const line of lines) {
    const last = entries.at(-1);
    if (!line.bullet && looksLikeLabel(line.text) && (!last || last.details.length > 0 || last.parts.length >= piecesWanted)) {
      entries.push({ parts: splitParts(line.text, options), details: [] });
    } else if (last && !line.bullet && looksLikeLabel(line.text) && last.details.length === 0) {
      last.parts.push(...splitParts(line.text, options));
    } else if (last) {
      last.details.push(line);
    }
  }
  return entries.map((entry) => ({ parts: entry.parts, period: null, details: joinDetails(entry.details) }));
}

/** Detail lines with wrapped lines joined: a line that starts in lower case continues the one before. */
export function joinDetails(lines: readonly CvLine[]): string[] {
  const details: string[] = [];
  for (const line of lines) {
    const last = details.length - 1;
    if (last >= 0 && !line.bullet && /^[\p{Ll}\d(]/u.test(line.text)) details[last] = `${details[last]} ${line.text}`;
    else details.push(line.text);
  }
  return details;
}
