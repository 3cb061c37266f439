import { skillKey } from '../fit/skill-key.ts';
import { wordsOf, type CvLine } from './cv-lines.ts';

/** A skill as the CV writes it, and the catalog tag it is (null when the catalog uses no such tag). */
export interface CvSkill {
  readonly name: string;
  readonly tag: string | null;
}

/** The catalog's tags by comparison key ("postgres", "PostgreSQL" → the tag "postgresql"). */
export type SkillVocabulary = ReadonlyMap<string, string>;

export function skillVocabulary(tags: Iterable<string>): SkillVocabulary {
  const vocabulary = new Map<string, string>();
  for (const tag of tags) {
    const key = skillKey(tag);
    if (key !== '' && !vocabulary.has(key)) vocabulary.set(key, tag);
  }
  return vocabulary;
}

const separator = /[,;|·•]/u;

/**
 * Lines of a skills section with wrapped lists joined: a line listing items ("a, b, c")
 * long enough to have wrapped that does not end at a separator continues on the next line, unless that one starts a
 * bullet or a new category. A list of one item per line stays as it is.
 */
function unwrapLists(lines: readonly CvLine[]): string[] {
  const out: string[] = [];
  let open = false;
  for (const line of lines) {
    const last = out.length - 1;
    if (open && last >= 0 && !line.bullet && !categoryLabel.test(line.text)) out[last] = `${out[last]} ${line.text}`;
    else out.push(line.text);
    const current = out[out.length - 1] ?? '';
    // Only a long line wraps: a short one ended where its writer ended it.
    open = current.length >= 50 && separator.test(current) && !/[,;|·•]\s*$/u.test(current);
  }
  return out;
}

const categoryLabel = /^[\p{L}][\p{L} &/+-]{1,30}:\s+/u;

/**
 * The skills a skills section lists: category labels ("Tools: …") dropped, items split at
 * commas, semicolons, pipes, middle dots and bullets, sentences left out; each mapped to
 * the catalog's tag when it has one. Duplicates (same key) keep the first.
 */
export function parseSkills(lines: readonly CvLine[], vocabulary: SkillVocabulary): CvSkill[] {
  const skills: CvSkill[] = [];
  const seen = new Set<string>();
  for (const line of unwrapLists(lines.filter((line) => !/@|https?:\/\//u.test(line.text)))) {
    const items = line.replace(categoryLabel, '').split(/\s*[,;|·•]\s*|\s+\/\s+|\s{3,}/u);
    for (const raw of items) {
      // "Python (expert)": the level in parentheses is not part of the skill.
      const name = raw.replace(/\s*\([^()]*\)\s*$/u, '').replace(/^[\s(–—-]+|[\s).]+$/gu, '').trim();
      if (name === '' || name.length > 40 || wordsOf(name).length > 4) continue;
      const key = skillKey(name);
      if (seen.has(key)) continue;
      seen.add(key);
      skills.push({ name, tag: vocabulary.get(key) ?? null });
    }
  }
  return skills;
}
