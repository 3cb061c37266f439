/**
 * `pnpm eval:email`: classifies every labelled message of the email corpus
 * (subgraphs/pipeline/fixtures/email) and prints precision and recall per class and
 * overall accuracy, for the tuning split, the held-out split (never used to write the
 * rules) and both together. Also counts rejections read as offers, the costly mistake.
 * `--verbose` lists every miss. Exits 1 when the held-out accuracy is below 90 % or a
 * rejection is read as an offer.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ruleClassifier } from '@jobgraph/pipeline/domain/email/rule-classifier';
import { parseRawEmail } from '@jobgraph/pipeline/domain/email/parse-raw';
import { emailClasses, type EmailClass } from '@jobgraph/pipeline/domain/email/types';
import { confidenceThreshold } from '@jobgraph/pipeline/domain/email/plan-effect';

interface Label {
  readonly class: EmailClass;
  readonly split: 'tune' | 'holdout';
  readonly company?: string;
  readonly jobTitle?: string;
}
interface Outcome {
  readonly file: string;
  readonly label: Label;
  readonly predicted: EmailClass;
  readonly confidence: number;
  readonly company: string | null;
  readonly jobTitle: string | null;
}

const folder = fileURLToPath(new URL('../../subgraphs/pipeline/fixtures/email/', import.meta.url));
const verbose = process.argv.includes('--verbose');
const labels = JSON.parse(await readFile(`${folder}labels.json`, 'utf8')) as Record<string, Label>;

const outcomes: Outcome[] = [];
for (const [file, label] of Object.entries(labels)) {
  const email = await parseRawEmail(await readFile(`${folder}${file}`));
  const result = await ruleClassifier.classify(email);
  outcomes.push({ file, label, predicted: result.kind, confidence: result.confidence, company: result.company, jobTitle: result.jobTitle });
}

const pct = (value: number) => (Number.isNaN(value) ? '   -  ' : `${(value * 100).toFixed(1).padStart(5)}%`);
function report(title: string, set: readonly Outcome[]): number {
  console.log(`\n${title}: ${set.length} messages`);
  console.log('class          precision   recall   support');
  for (const kind of emailClasses) {
    const predicted = set.filter((o) => o.predicted === kind);
    const actual = set.filter((o) => o.label.class === kind);
    const hits = predicted.filter((o) => o.label.class === kind).length;
    console.log(`${kind.padEnd(14)} ${pct(hits / predicted.length).padStart(9)} ${pct(hits / actual.length).padStart(8)} ${String(actual.length).padStart(9)}`);
  }
  const accuracy = set.filter((o) => o.predicted === o.label.class).length / set.length;
  const withCompany = set.filter((o) => o.label.company);
  const companyHits = withCompany.filter((o) => o.company?.toLowerCase() === o.label.company?.toLowerCase()).length;
  const withTitle = set.filter((o) => o.label.jobTitle);
  const titleHits = withTitle.filter((o) => o.jobTitle?.toLowerCase() === o.label.jobTitle?.toLowerCase()).length;
  console.log(`accuracy ${pct(accuracy)}   rejections read as offers: ${set.filter((o) => o.label.class === 'rejection' && o.predicted === 'offer').length}`);
  const confident = set.filter((o) => o.confidence >= confidenceThreshold);
  const confidentRight = confident.filter((o) => o.predicted === o.label.class).length;
  console.log(`confident (≥ ${confidenceThreshold}, applied without review): ${pct(confident.length / set.length)} of messages, of which ${pct(confidentRight / confident.length)} right`);
  console.log(`company extracted exactly ${pct(companyHits / withCompany.length)}   job title exactly ${pct(titleHits / withTitle.length)}`);
  return accuracy;
}

report('tuning split', outcomes.filter((o) => o.label.split === 'tune'));
const heldOut = report('held-out split', outcomes.filter((o) => o.label.split === 'holdout'));
report('all', outcomes);

if (verbose) {
  console.log('\nmisses:');
  for (const o of outcomes.filter((x) => x.predicted !== x.label.class)) console.log(`  ${o.file}: ${o.label.class} read as ${o.predicted} (${o.confidence})`);
  console.log('\nextraction misses:');
  for (const o of outcomes) {
    if (o.label.company && o.company?.toLowerCase() !== o.label.company.toLowerCase()) console.log(`  ${o.file}: company ${JSON.stringify(o.company)} (label ${o.label.company})`);
    if (o.label.jobTitle && o.jobTitle?.toLowerCase() !== o.label.jobTitle.toLowerCase()) console.log(`  ${o.file}: title ${JSON.stringify(o.jobTitle)} (label ${o.label.jobTitle})`);
  }
}
const rejectionsAsOffers = outcomes.filter((o) => o.label.class === 'rejection' && o.predicted === 'offer').length;
if (heldOut < 0.9 || rejectionsAsOffers > 0) process.exitCode = 1;
