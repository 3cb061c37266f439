import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { emailFromParts, parseRawEmail } from '../domain/email/parse-raw.ts';
import type { ParsedEmail } from '../domain/email/types.ts';
import { constantTimeEqual } from './http.ts';

/** A provider's request turned into a message and the bytes that identify it. */
export interface ProviderMessage {
  readonly email: ParsedEmail;
  readonly raw: Buffer | string;
  readonly envelopeRecipients: readonly string[];
}

const address = z.object({ Email: z.string().max(320), Name: z.string().max(998).optional().default('') });
/** Postmark's inbound JSON (https://postmarkapp.com/developer/webhooks/inbound-webhook), the fields used. */
const postmarkPayload = z.object({
  FromFull: address,
  ToFull: z.array(address).max(100).optional().default([]),
  CcFull: z.array(address).max(100).optional().default([]),
  OriginalRecipient: z.string().max(320).optional(),
  Subject: z.string().optional().default(''),
  MessageID: z.string().max(998).optional(),
  Date: z.string().max(200).optional(),
  TextBody: z.string().optional().default(''),
  HtmlBody: z.string().optional().default(''),
  Attachments: z.array(z.unknown()).optional().default([]),
  RawEmail: z.string().optional(),
});

export async function postmarkMessage(body: Buffer): Promise<ProviderMessage | null> {
  const parsed = postmarkPayload.safeParse(safeJson(body));
  if (!parsed.success) return null;
  const p = parsed.data;
  const envelopeRecipients = p.OriginalRecipient ? [p.OriginalRecipient] : [];
  if (p.RawEmail) return { email: await parseRawEmail(p.RawEmail), raw: p.RawEmail, envelopeRecipients };
  const email = emailFromParts({
    from: { address: p.FromFull.Email, name: p.FromFull.Name },
    recipients: [...p.ToFull, ...p.CcFull].map((r) => r.Email),
    subject: p.Subject,
    text: p.TextBody,
    html: p.HtmlBody,
    date: p.Date ? new Date(p.Date) : null,
    messageId: p.MessageID ?? null,
    attachmentCount: p.Attachments.length,
  });
  return { email, raw: canonical(p), envelopeRecipients };
}

/** Mailgun's signature: HMAC-SHA256 of timestamp + token with the webhook signing key, hex. */
export function mailgunSignatureValid(signingKey: string, timestamp: string, token: string, signature: string): boolean {
  const expected = createHmac('sha256', signingKey).update(timestamp + token).digest('hex');
  return constantTimeEqual(expected, signature.toLowerCase());
}

export interface MailgunFields {
  readonly timestamp: string;
  readonly token: string;
  readonly signature: string;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Mailgun's forward to a URL: form fields (urlencoded or multipart, as Mailgun posts
 * them) or the same fields as JSON, with `timestamp`, `token`, `signature` at the top or
 * under `signature` as its event webhooks nest them.
 */
export async function mailgunFields(body: Buffer, contentType: string): Promise<MailgunFields | null> {
  let fields: Record<string, string> = {};
  let nested: Record<string, unknown> = {};
  if (/^application\/json/i.test(contentType)) {
    const json = safeJson(body);
    if (!json || typeof json !== 'object' || Array.isArray(json)) return null;
    for (const [key, value] of Object.entries(json)) {
      if (typeof value === 'string' || typeof value === 'number') fields[key] = String(value);
      else if (key === 'signature' && value && typeof value === 'object') nested = value as Record<string, unknown>;
    }
  } else if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(contentType)) {
    try {
      const form = await new Request('http://mailgun.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body }).formData();
      let attachments = 0;
      form.forEach((value, key) => {
        if (typeof value === 'string') fields[key] = value;
        else attachments += 1;
      });
      fields = { 'attachment-count': String(attachments), ...fields };
    } catch {
      return null;
    }
  } else return null;
  const pick = (key: string) => (typeof nested[key] === 'string' || typeof nested[key] === 'number' ? String(nested[key]) : fields[key]);
  const timestamp = pick('timestamp');
  const token = pick('token');
  const signature = pick('signature');
  if (!timestamp || !token || !signature || token.length > 200) return null;
  return { timestamp, token, signature, fields };
}

export async function mailgunMessage({ fields }: MailgunFields): Promise<ProviderMessage> {
  const envelopeRecipients = (fields.recipient ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  const mime = fields['body-mime'];
  if (mime) return { email: await parseRawEmail(mime), raw: mime, envelopeRecipients };
  const headers = headerMap(fields['message-headers']);
  const from = await parseRawEmail(`From: ${fields.from ?? fields.sender ?? ''}\r\nTo: ${fields.To ?? fields.to ?? headers.to ?? ''}\r\nCc: ${headers.cc ?? ''}\r\n\r\n`);
  const email = emailFromParts({
    from: from.from,
    recipients: from.recipients,
    subject: fields.subject ?? '',
    text: fields['body-plain'] ?? null,
    html: fields['body-html'] ?? null,
    date: headers.date ? new Date(headers.date) : null,
    messageId: fields['Message-Id'] ?? headers['message-id'] ?? null,
    attachmentCount: Number(fields['attachment-count'] ?? 0) || 0,
  });
  const { timestamp: _t, token: _k, signature: _s, ...content } = fields;
  return { email, raw: canonical(content), envelopeRecipients };
}

/** `message-headers`: a JSON list of [name, value] pairs. */
function headerMap(json: string | undefined): Record<string, string> {
  const parsed = json ? safeJson(Buffer.from(json)) : null;
  const map: Record<string, string> = {};
  if (Array.isArray(parsed)) for (const pair of parsed) if (Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string') map[pair[0].toLowerCase()] ??= pair[1];
  return map;
}

function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}

/** A provider gave no raw message: its fields, keys sorted, stand in for it in the hash. */
function canonical(value: object): string {
  return JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}
