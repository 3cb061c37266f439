/** Spellings of one skill that mean the same: the key on the left, its aliases on the right. */
const aliases: Readonly<Record<string, readonly string[]>> = {
  javascript: ['js', 'ecmascript'],
  typescript: ['ts'],
  postgresql: ['postgres', 'psql'],
  kubernetes: ['k8s'],
  go: ['golang'],
  'node.js': ['node', 'nodejs', 'node js'],
  'react': ['react.js', 'reactjs'],
  'vue': ['vue.js', 'vuejs'],
  'c#': ['csharp', 'c sharp'],
  'machine learning': ['ml'],
  'amazon web services': ['aws'],
  'google cloud': ['gcp', 'google cloud platform'],
  'ci/cd': ['cicd', 'ci cd', 'continuous integration'],
};

const aliasToKey = new Map<string, string>();
for (const [key, names] of Object.entries(aliases)) {
  aliasToKey.set(key, key);
  for (const name of names) aliasToKey.set(name, key);
}

/**
 * The comparison key of a skill or tag: lower case, one space between words, and the
 * common aliases folded ("Postgres", "postgresql" and "PSQL" compare equal).
 *
 * @example skillKey(' Node JS ') // 'node.js'
 */
export function skillKey(raw: string): string {
  const text = raw.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return aliasToKey.get(text) ?? text;
}

/** The distinct keys of a list of skills, in first-seen order. */
export function skillKeys(raw: Iterable<string>): string[] {
  const keys = new Set<string>();
  for (const value of raw) {
    const key = skillKey(value);
    if (key !== '') keys.add(key);
  }
  return [...keys];
}
