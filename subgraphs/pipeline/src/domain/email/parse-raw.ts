import { convert } from 'html-to-text';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Mailbox, ParsedEmail } from './types.ts';

/** The longest body text kept; the rest of a longer message is dropped before classifying or storing. */
export const maxTextLength = 100_000;

/**
 * Parses an RFC 5322 message with mailparser: multipart, quoted-printable, base64 and
 * encoded words are decoded, attachments counted and dropped. An HTML-only body becomes
 * text (scripts, styles and images are removed), so no markup is ever stored. Malformed
 * MIME parses as far as it can; it never throws for bad content.
 */
export async function parseRawEmail(raw: Buffer | string): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const fromValue = mail.from?.value[0];
  const from: Mailbox = { address: normalizeAddress(fromValue?.address), name: cleanLine(fromValue?.name ?? '') };
  const html = typeof mail.html === 'string' ? mail.html : '';
  const text = mail.text && mail.text.trim().length > 0 ? mail.text : html ? htmlToText(html) : '';
  return {
    from,
    recipients: [...addresses(mail.to), ...addresses(mail.cc)],
    subject: cleanLine(mail.subject ?? ''),
    text: cleanText(text),
    date: sentAt(mail.headerLines.find((line) => line.key === 'date')?.line),
    messageId: mail.messageId ?? null,
    attachmentCount: mail.attachments.length,
  };
}

/** The fields a provider's JSON gives, cleaned exactly like a parsed raw message. */
export interface EmailParts {
  readonly from: Mailbox;
  readonly recipients: readonly string[];
  readonly subject: string;
  readonly text: string | null;
  readonly html: string | null;
  readonly date: Date | null;
  readonly messageId: string | null;
  readonly attachmentCount: number;
}

export function emailFromParts(parts: EmailParts): ParsedEmail {
  const text = parts.text && parts.text.trim().length > 0 ? parts.text : parts.html ? htmlToText(parts.html) : '';
  return {
    from: { address: normalizeAddress(parts.from.address), name: cleanLine(parts.from.name) },
    recipients: parts.recipients.map(normalizeAddress).filter((a) => a.length > 0),
    subject: cleanLine(parts.subject),
    text: cleanText(text),
    date: parts.date && !Number.isNaN(parts.date.getTime()) ? parts.date : null,
    messageId: parts.messageId,
    attachmentCount: Math.max(0, Math.trunc(parts.attachmentCount)),
  };
}

/** Text of an HTML body: tags, scripts and styles gone, links reduced to their text. */
export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
    ],
  });
}

/** The Date header when it reads as a date; mailparser would put the present moment in its place. */
function sentAt(headerLine: string | undefined): Date | null {
  if (headerLine === undefined) return null;
  const date = new Date(headerLine.replace(/^date:\s*/i, ''));
  return Number.isNaN(date.getTime()) ? null : date;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((object) => object.value.flatMap((entry) => [entry.address, ...(entry.group ?? []).map((member) => member.address)])).map(normalizeAddress).filter((a) => a.length > 0);
}

function normalizeAddress(address: string | undefined): string {
  return (address ?? '').trim().toLowerCase();
}

/** Control characters (NUL included) removed, whitespace collapsed. */
function cleanLine(value: string): string {
  return stripControl(value).replace(/\s+/g, ' ').trim().slice(0, 998);
}

function cleanText(value: string): string {
  return withoutMarkup(stripControl(value.replace(/\r\n?/g, '\n')))
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, maxTextLength);
}

/**
 * A plain-text part may itself carry markup (`<script>` typed into a text body). Script
 * and style blocks go with their content, any other tag goes alone; `<name@host>` and
 * `<https://…>` are no tags and stay.
 */
export function withoutMarkup(text: string): string {
  return text
    .replace(/<(script|style)\b[\s\S]*?(<\/\1\s*>|$)/gi, '')
    .replace(/<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi, '')
    .replace(/javascript\s*:/gi, '');
}

// eslint-disable-next-line no-control-regex
const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
function stripControl(value: string): string {
  return value.replace(control, '');
}
