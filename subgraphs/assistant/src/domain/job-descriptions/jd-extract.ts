import { skillKey } from '../fit/skill-key.ts';
import type { SkillVocabulary } from '../cv/cv-skills.ts';

/** What a job description asks for, read by rules. */
export interface JobDescriptionFacts {
  /** The requirement lines, in the text's order: at most 30 of at most 300 characters. */
  readonly requirements: readonly string[];
  /** Catalog tags the text names, in first-seen order, at most 50. */
  readonly skills: readonly string[];
}

const requirementHeading = new RegExp(
  [
    'requirements', 'minimum requirements', 'qualifications', 'minimum qualifications', 'preferred qualifications', 'basic qualifications', "what you'll need",
    'what you will need', "what we're looking for", 'what we are looking for', 'you have', 'you bring', 'you will bring', 'must have', 'must-haves', 'must haves',
    'nice to have', 'nice-to-haves', 'nice to haves', 'bonus points', 'about you', 'who you are', 'your profile', 'skills', 'skills and experience', 'required skills',
    'anforderungen', 'dein profil', 'ihr profil', 'was du mitbringst', 'profil recherché', 'votre profil', 'requisitos', 'tu perfil',
  ]
    .map((h) => h.replace(/'/g, "['’]"))
    .join('|'),
  'iu',
);
const headingLine = new RegExp(`^(?:${requirementHeading.source})\\s*:?$`, 'iu');
const marker = /^[\s•▪‣◦●■*·–—-]+/u;
/** A line that reads like a requirement even outside a requirements section. */
const requirementLike = /\b(?:\d+\+?\s*(?:years?|yrs)|experience (?:with|in|of)|knowledge of|proficien|familiar(?:ity)? with|degree in|fluent|hands-on|strong (?:understanding|background)|solid understanding)\b/iu;

/** Whether a line opens some other section (responsibilities, benefits, about us): short, and a heading's shape. */
const otherHeading = (line: string) => line.length <= 50 && (/:$/.test(line) || /^(?:responsibilities|what you('|’)ll do|what you will do|benefits|perks|about (?:us|the (?:role|team|company))|the role|your role|we offer|why join us|how to apply|aufgaben|deine aufgaben|wir bieten|missions|avantages|responsabilidades|ofrecemos)$/iu.test(line));

/**
 * The requirement lines of a job description: every line of its requirements sections
 * ("Requirements", "What you'll need", "Nice to have", "Anforderungen", …), or, when it has
 * none, the lines that read like one ("3+ years of…", "experience with…").
 */
export function extractRequirements(text: string): string[] {
  const lines = text.normalize('NFC').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const found: string[] = [];
  let inside = false;
  let sawSection = false;
  for (const line of lines) {
    if (headingLine.test(line)) {
      inside = true;
      sawSection = true;
      continue;
    }
    if (inside && !marker.test(line) && otherHeading(line)) {
      inside = false;
      continue;
    }
    if (inside) found.push(line.replace(marker, '').trim());
  }
  const requirements = sawSection ? found : lines.filter((line) => requirementLike.test(line)).map((line) => line.replace(marker, '').trim());
  return [...new Set(requirements.filter((line) => line !== ''))].slice(0, 30).map((line) => [...line].slice(0, 300).join(''));
}

/**
 * The catalog tags a text names: every run of one to three words whose skill key the
 * vocabulary knows ("Postgres", "k8s", "CI/CD", "Node.js", "machine learning").
 */
export function extractSkills(text: string, vocabulary: SkillVocabulary): string[] {
  const words = text.normalize('NFKC').split(/[\s,;:()[\]{}"'!?|•·]+/u).map((word) => word.replace(/^[.\-–—]+|[.\-–—]+$/gu, '')).filter((word) => word !== '');
  const skills: string[] = [];
  for (let i = 0; i < words.length && skills.length < 50; i++) {
    for (let n = 3; n >= 1; n--) {
      if (i + n > words.length) continue;
      const tag = vocabulary.get(skillKey(words.slice(i, i + n).join(' ')));
      if (tag) {
        if (!skills.includes(tag)) skills.push(tag);
        i += n - 1;
        break;
      }
    }
  }
  return skills;
}

export function readJobDescription(text: string, vocabulary: SkillVocabulary): JobDescriptionFacts {
  return { requirements: extractRequirements(text), skills: extractSkills(text, vocabulary) };
}
