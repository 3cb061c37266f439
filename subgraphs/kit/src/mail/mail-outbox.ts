import { sql, type Kysely } from 'kysely';

/** A rendered message: what a template makes and the outbox stores. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** The `mail_outbox` table a domain creates with `createMailOutboxV1` (see mail-outbox-migration.ts). */
export interface MailOutboxRow {
  readonly id: string;
  readonly template: string;
  readonly recipient: string;
  readonly subject: string;
  readonly text_body: string;
  readonly html_body: string;
  readonly attempts: number;
}

/**
 * Queues a message in the caller's transaction: it is sent exactly when the change that
 * decided to send it commits (a verification mail never goes out for a rolled-back sign-up).
 */
export async function queueMail(trx: Kysely<unknown>, template: string, message: MailMessage): Promise<string> {
  const result = await sql<{ id: string }>`
    insert into mail_outbox (template, recipient, subject, text_body, html_body)
    values (${template}, ${message.to}, ${message.subject}, ${message.text}, ${message.html})
    returning id`.execute(trx);
  const id = result.rows[0]?.id;
  if (!id) throw new Error('mail_outbox insert returned no id');
  return id;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML, for templates. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
