import { looksLikeLabel, wordsOf } from './cv-lines.ts';

/** How to reach the candidate, as the CV gives it. */
export interface CvContact {
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly location: string | null;
  /** Profile links (LinkedIn, GitHub, a portfolio), as written. */
  readonly links: readonly string[];
}

const emailPattern = /[\p{L}\d._%+-]+@[\p{L}\d.-]+\.\p{L}{2,}/u;
const phonePattern = /(?<![\d\p{L}])\+?\(?\d[\d\s().\-/]{5,}\d(?!\d)/u;
const linkPattern = /\b(?:https?:\/\/)?(?:www\.)?(?:linkedin\.com|github\.com|gitlab\.com|behance\.net|dribbble\.com)\/[\w\-./]+|\bhttps?:\/\/[\w\-.]+\.[a-z]{2,}[\w\-./]*/iu;
const labelPrefix = /^(?:contact|mail|e-?mail|email address|phone|tel(?:ephone)?|mobile|cell|location|address|adresse|telefon|handy|téléphone|teléfono|móvil|ubicación|linkedin|github|web(?:site)?|portfolio)\s*:\s*/iu;
const locationPattern = /^[\p{Lu}][\p{L}.'’ -]{1,40},\s*[\p{Lu}][\p{L}.'’ -]{1,30}$/u;

/** The pieces of a contact line: "a | b · c / d" and labelled fields, without their labels. */
export function contactSegments(line: string): string[] {
  return line
    .split(/\s+[|·•/]\s+|\s{3,}|\s+—\s+/u)
    .map((segment) => segment.replace(labelPrefix, '').trim())
    .filter((segment) => segment !== '');
}

const digitsOf = (text: string) => text.replace(/\D/g, '');

export function findEmail(lines: readonly string[]): string | null {
  for (const line of lines) {
    const match = emailPattern.exec(line);
    if (match) return match[0].replace(/\.$/, '');
  }
  return null;
}

export function findPhone(lines: readonly string[]): string | null {
  for (const line of lines) {
    for (const segment of contactSegments(line)) {
      if (emailPattern.test(segment) || linkPattern.test(segment)) continue;
      const match = phonePattern.exec(segment);
      if (!match) continue;
      const digits = digitsOf(match[0]);
      // A phone has 7 to 15 digits; "2019 - 2021" is a period, not a number.
      if (digits.length >= 7 && digits.length <= 15 && !/^(19|20)\d{2}\s*[-–]\s*(19|20)\d{2}$/.test(match[0].trim())) return match[0].trim();
    }
  }
  return null;
}

export function findLinks(lines: readonly string[]): string[] {
  const links: string[] = [];
  for (const line of lines) {
    const match = linkPattern.exec(line);
    if (match && !links.includes(match[0])) links.push(match[0]);
  }
  return links;
}

/** "City, Region" in a contact line that is neither an address nor a number. */
export function findLocation(lines: readonly string[]): string | null {
  for (const line of lines) {
    for (const segment of contactSegments(line)) {
      if (emailPattern.test(segment) || linkPattern.test(segment) || /\d/.test(segment)) continue;
      if (locationPattern.test(segment) && wordsOf(segment).length <= 5) return segment;
    }
  }
  return null;
}

/** "AMARA OKAFOR" → "Amara Okafor"; a name already in mixed case stays as written. */
export function nameCase(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_m, lead: string, letter: string) => `${lead}${letter.toUpperCase()}`);
}

const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** Whether a line can be a person's name: two to four words of letters, no digits or separators. */
export function looksLikeName(text: string): boolean {
  const words = wordsOf(text);
  return words.length >= 2 && words.length <= 4 && text.length <= 50 && /^[\p{L}][\p{L}'’.\- ]+$/u.test(text) && looksLikeLabel(text) && words.every((w) => /^\p{Lu}/u.test(w) || w.length <= 3);
}

/**
 * Where the candidate's name is: a name-like line whose words the e-mail address spells
 * (amara.okafor@…), else the first name-like line of the header. -1 when none.
 */
export function findNameLine(lines: readonly string[], email: string | null, headerEnd: number): number {
  if (email) {
    const local = fold(email.split('@')[0] ?? '');
    const parts = local.split(/[._-]+/).filter((p) => p.length >= 2);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (!looksLikeName(line)) continue;
      const words = wordsOf(fold(line).replace(/['’]/g, ''));
      const hits = parts.filter((part) => words.some((word) => word === part || word.replace(/-/g, '') === part)).length;
      if (hits >= Math.min(2, parts.length) && hits > 0) return i;
    }
  }
  for (let i = 0; i < Math.min(headerEnd, lines.length); i++) if (looksLikeName(lines[i] ?? '')) return i;
  return -1;
}
