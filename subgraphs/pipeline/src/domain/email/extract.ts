import type { EmailExtraction, MentionedDate, Mailbox } from './types.ts';
import { isAtsSender } from './ats-senders.ts';

/** Company, job title and the dates a message mentions, read from its sender, subject and text. */
export function extractFields(from: Mailbox, subject: string, text: string, sentAt: Date | null): EmailExtraction {
  return { company: company(from, subject, text), jobTitle: jobTitle(subject, text), dates: mentionedDates(text, sentAt) };
}

// Capitalized words on one line: "Northwind Labs", "Hobbs & Partner", "Lumière Énergie".
const name = String.raw`([A-ZÀ-Ý0-9][\p{L}0-9&'’-]*(?: (?:& )?[A-ZÀ-Ý][\p{L}0-9&'’-]*){0,3})`;
const companyPatterns = [
  new RegExp(String.raw`(?:interest in|career with|joining|employment with|everyone at|position at|role at|engineer at|designer at|analyst at|manager at) ${name}`, 'u'),
  new RegExp(String.raw`(?:applying|applied|application) (?:to|at|with) ${name}`, 'u'),
  new RegExp(String.raw`\b(?:bei der|bei|an der)\s${name}`, 'u'),
  new RegExp(String.raw`\b(?:chez|d'|l'équipe)\s?${name}`, 'u'),
];
const companySuffix = /\s+(careers?|recruiting|recruitment|hiring team|talent( acquisition| team)?|people team|hr|jobs)$/i;
const notCompanies = new Set(['the', 'our', 'your', 'us', 'we', 'this', 'a', 'an', 'it', 'ihre', 'ihr', 'deine', 'dein', 'uns', 'votre', 'nous']);

function company(from: Mailbox, subject: string, text: string): string | null {
  const sample = `${subject}\n${text.slice(0, 4000)}`;
  for (const pattern of companyPatterns) {
    const found = pattern.exec(sample)?.[1]?.replace(/[.’']+$/, '').trim();
    if (found && !notCompanies.has(found.toLowerCase()) && found.length > 1) return found;
  }
  const display = from.name.replace(companySuffix, '').trim();
  if (isAtsSender(from.address) && display && !/^(no-?reply|greenhouse|lever|workday|ashby|smartrecruiters)$/i.test(display)) return display;
  const domain = from.address.split('@')[1];
  if (domain && !isAtsSender(from.address) && !freeMail.test(domain)) {
    const parts = domain.split('.');
    // example.co.uk: the name is left of the second-level label.
    const secondLevel = parts.length > 2 && /^(co|com|org|net|ac|gov)$/.test(parts[parts.length - 2] ?? '');
    const label = parts[parts.length - (secondLevel ? 3 : 2)] ?? '';
    return label ? label.charAt(0).toUpperCase() + label.slice(1) : null;
  }
  return null;
}

const freeMail = /^(gmail|googlemail|outlook|hotmail|yahoo|icloud|gmx|web|proton|protonmail|example)\./i;

const title = String.raw`([A-Z][\p{L}0-9,/&()+.'’ -]{1,80}?)`;
const titlePatterns = [
  new RegExp(String.raw`\bthe (?:position of |role of )?${title} (?:role|position|job|opening)\b`, 'u'),
  new RegExp(String.raw`(?:position|role) of ${title}(?:[.,(]| at | with |$)`, 'mu'),
  new RegExp(String.raw`(?:application|candidature|applying) (?:for|as) (?:the )?${title}(?:[.,(!]| at | and |$)`, 'mu'),
  new RegExp(String.raw`\bals ${title}(?: und| bei|[.,!]| investiert|$)`, 'mu'),
  new RegExp(String.raw`(?:au |le )?poste de ${title}(?:[.,!]| chez| et|$)`, 'mu'),
  new RegExp(String.raw`offer (?:you )?the ${title} position`, 'u'),
];

// Subjects: "Next steps for Senior Backend Engineer", "RE: Junior Accountant application".
const subjectTitlePatterns = [
  new RegExp(String.raw`\b(?:next steps|update|interview) for ${title}$`, 'u'),
  new RegExp(String.raw`^(?:(?:re|fwd?|aw|wg|tr)\s*:\s*)*${title} (?:application|role|position)$`, 'iu'),
];

function jobTitle(subject: string, text: string): string | null {
  const sample = `${text.slice(0, 4000)}\n${subject}`;
  for (const pattern of titlePatterns) {
    const found = pattern.exec(sample)?.[1]?.trim();
    if (found && found.split(' ').length <= 8) return found;
  }
  for (const pattern of subjectTitlePatterns) {
    const found = pattern.exec(subject)?.[1]?.trim();
    if (found && found.split(' ').length <= 8) return found;
  }
  return null;
}

const months: Readonly<Record<string, number>> = {
  january: 1, jan: 1, januar: 1, janvier: 1, february: 2, feb: 2, februar: 2, février: 2, march: 3, mar: 3, märz: 3, mars: 3,
  april: 4, apr: 4, avril: 4, may: 5, mai: 5, june: 6, jun: 6, juni: 6, juin: 6, july: 7, jul: 7, juli: 7, juillet: 7,
  august: 8, aug: 8, août: 8, september: 9, sep: 9, sept: 9, septembre: 9, october: 10, oct: 10, oktober: 10, octobre: 10,
  november: 11, nov: 11, novembre: 11, december: 12, dec: 12, dezember: 12, décembre: 12,
};
const monthNames = Object.keys(months).sort((a, b) => b.length - a.length).join('|');
const dayFirst = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th|\.)?\s(${monthNames})\.?(?:,?\s(\d{4}))?\b`, 'giu');
const monthFirst = new RegExp(String.raw`\b(${monthNames})\.?\s(\d{1,2})(?:st|nd|rd|th)?(?:,?\s(\d{4}))?\b`, 'giu');
const isoDate = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

/** Dates like "October 23, 2025", "Tuesday 21st October", "27. Oktober 2025", "6 novembre"; a missing year is the one of `sentAt`. */
export function mentionedDates(text: string, sentAt: Date | null): MentionedDate[] {
  const found: { index: number; date: MentionedDate }[] = [];
  const year = (written: string | undefined) => (written ? Number(written) : (sentAt ?? new Date()).getUTCFullYear());
  for (const match of text.matchAll(dayFirst)) found.push({ index: match.index, date: { text: match[0], date: day(year(match[3]), months[match[2]!.toLowerCase()], Number(match[1])) } });
  for (const match of text.matchAll(monthFirst)) {
    if (found.some((f) => Math.abs(f.index - match.index) < 4)) continue;
    found.push({ index: match.index, date: { text: match[0], date: day(year(match[3]), months[match[1]!.toLowerCase()], Number(match[2])) } });
  }
  for (const match of text.matchAll(isoDate)) found.push({ index: match.index, date: { text: match[0], date: day(Number(match[1]), Number(match[2]), Number(match[3])) } });
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.index - b.index)
    .map((f) => f.date)
    .filter((d) => d.date !== null && !seen.has(d.date) && Boolean(seen.add(d.date)))
    .slice(0, 10);
}

function day(year: number, month: number | undefined, dayOfMonth: number): string | null {
  if (month === undefined || dayOfMonth < 1 || dayOfMonth > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
  if (date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}
