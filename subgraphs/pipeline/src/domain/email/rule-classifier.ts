import { forwardedSender, speakingText } from './message-body.ts';
import { extractFields } from './extract.ts';
import { features, type Feature } from './rule-features.ts';
import { emailClasses, type Classification, type EmailClass, type EmailClassifier, type ParsedEmail } from './types.ts';

/** Below this total a message speaks for no class of job mail: it is unrelated. */
const minimumScore = 2;

/**
 * The default classifier: weighted phrase features (`rule-features.ts`) over the subject
 * and the part of the message that speaks (a reply's new text, a forward's original).
 * The class with the highest score wins; its confidence grows with its score and with
 * its lead over the runner-up. Two rules guard the costly mistakes: a message with any
 * rejection phrase is never an offer ("we will not be offering you…"), and job-alert or
 * marketing wording outweighs the job words such mail is full of.
 */
export function classifyByRules(email: ParsedEmail): Classification {
  const body = speakingText(email.subject, email.text);
  const sample = `${email.subject}\n${body.slice(0, 20_000)}`;
  const matched = features.filter((feature) => feature.pattern.test(sample));
  const scores = scoreByClass(matched);

  if (scores.rejection > 0) scores.offer = 0;
  // "Thanks for applying" is courtesy in every kind of reply: beside a decisive phrase of
  // another class it is no rival, only a tie-breaker.
  if (scores.offer >= 3 || scores.interview >= 3 || scores.assessment >= 3 || scores.rejection >= 3) scores.confirmation = Math.min(scores.confirmation, 1);
  if (scores.assessment >= 3) scores.interview = Math.min(scores.interview, 2);

  const ranked = [...emailClasses].sort((a, b) => scores[b] - scores[a]);
  const top = ranked[0] ?? 'unrelated';
  const runnerUp = ranked[1] ?? 'unrelated';
  const kind: EmailClass = scores[top] < minimumScore ? 'unrelated' : top;
  const reasons = reasonsFor(kind, matched, scores[top] < minimumScore);
  const confidence = confidenceOf(kind === top ? scores[top] : 0, kind === top ? scores[runnerUp] : scores[top]);
  // A forward speaks for its original sender, not for the user who forwarded it.
  const extraction = extractFields(forwardedSender(email.subject, email.text) ?? email.from, email.subject, body, email.date);
  return { kind, confidence, reasons, ...extraction };
}

export const ruleClassifier: EmailClassifier = {
  classify: (email) => Promise.resolve(classifyByRules(email)),
};

function scoreByClass(matched: readonly Feature[]): Record<EmailClass, number> {
  const scores = Object.fromEntries(emailClasses.map((kind) => [kind, 0])) as Record<EmailClass, number>;
  for (const feature of matched) scores[feature.kind] += feature.weight;
  return scores;
}

/** 0..1: a score of 6 with no rival is near certain; a tie is a coin toss. */
function confidenceOf(score: number, rival: number): number {
  if (score <= 0) return rival > 0 ? round(Math.max(0.3, 1 - rival / 4)) : 0.9;
  const strength = 1 - Math.exp(-score / 3);
  const lead = (score - rival) / score;
  return round(Math.min(0.99, strength * (0.4 + 0.6 * lead)));
}

const round = (value: number) => Math.round(value * 100) / 100;

function reasonsFor(kind: EmailClass, matched: readonly Feature[], weak: boolean): string[] {
  if (weak) return matched.length === 0 ? ['no phrase of job mail found'] : [`only weak hints: ${matched.map((m) => m.label).join(', ')}`];
  const forKind = matched.filter((m) => m.kind === kind).map((m) => `${m.kind}: ${m.label} (+${m.weight})`);
  const against = matched.filter((m) => m.kind !== kind).map((m) => `against: ${m.kind}: ${m.label} (+${m.weight})`);
  return [...forKind, ...against];
}
