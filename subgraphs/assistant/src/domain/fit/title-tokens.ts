/** Words that say how senior a role is or join words, not what the work is. */
const noise = new Set([
  'senior', 'sr', 'junior', 'jr', 'lead', 'principal', 'staff', 'head', 'chief', 'of', 'and', 'the', 'a', 'an', 'for', 'in',
  'i', 'ii', 'iii', 'iv', 'mid', 'level', 'entry', 'intern', 'trainee', '&', '-', '/',
]);

/** Same word, other spelling: the key on the left. */
const synonyms: Readonly<Record<string, string>> = {
  developer: 'engineer',
  dev: 'engineer',
  programmer: 'engineer',
  swe: 'engineer',
  eng: 'engineer',
  frontend: 'front-end',
  'front': 'front-end',
  backend: 'back-end',
  'back': 'back-end',
  fullstack: 'full-stack',
  mgr: 'manager',
};

/**
 * The words of a job title that say what the work is, lower case, seniority words left out.
 *
 * @example titleTokens('Senior Backend Developer') // Set { 'back-end', 'engineer' }
 */
export function titleTokens(title: string): ReadonlySet<string> {
  const cached = cache.get(title);
  if (cached) return cached;
  if (cache.size >= cacheLimit) cache.clear();
  const tokens = tokenize(title);
  cache.set(title, tokens);
  return tokens;
}

/** Titles repeat across listings and profiles: their words are kept, up to a bound. */
const cache = new Map<string, ReadonlySet<string>>();
const cacheLimit = 10_000;

function tokenize(title: string): ReadonlySet<string> {
  const words = title
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}+#.-]+/u)
    .map((word) => word.replace(/^[.-]+|[.-]+$/g, ''))
    .filter((word) => word !== '' && !noise.has(word));
  return new Set(words.map((word) => synonyms[word] ?? word));
}

/** How much two titles share: |A ∩ B| / |A ∪ B| in thousandths (0 when either has no words). */
export function titleSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return Math.round((shared * 1000) / (a.size + b.size - shared));
}
