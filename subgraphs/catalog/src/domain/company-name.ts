/** Words that say what kind of legal entity a company is, not which one. */
const legalSuffixes = new Set([
  'ab', 'ag', 'as', 'bv', 'co', 'company', 'corp', 'corporation', 'gmbh', 'inc', 'incorporated', 'kg', 'kk',
  'limited', 'llc', 'llp', 'lp', 'ltd', 'nv', 'oy', 'plc', 'pte', 'pty', 'sa', 'sarl', 'sas', 'se', 'spa', 'srl',
]);

/**
 * The dedupe key of a company name: no case, accents, punctuation or trailing legal
 * suffix. "Acme, Inc.", "ACME Inc" and "Acmé" are one company; "C++ Labs" and
 * "C# Labs" are two ("+" and "#" are kept).
 */
export function normalizeCompanyName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}+#]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word.length > 0);
  while (words.length > 1 && (legalSuffixes.has(words.at(-1) ?? '') || words.at(-1) === 'and')) words.pop();
  return words.join(' ');
}

export const maxSlugLength = 60;

/** The name's ASCII letters and digits, lower-case, in words joined by hyphens; "company" when nothing is left. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, '-and-')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxSlugLength)
    .replace(/^-+|-+$/g, '');
  return slug || 'company';
}

/** `base`, else `base-2`, `base-3`, …: the first one not taken. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
