import { sql, type Kysely } from 'kysely';
import type { Logger } from '../logger.ts';
import type { MailOutboxRow } from './mail-outbox.ts';
import type { MailSender } from './smtp-sender.ts';

export interface MailRelayOptions {
  readonly db: Kysely<unknown>;
  readonly sender: MailSender;
  readonly logger: Logger;
  readonly pollMs?: number;
  /** After this many failed attempts a message is marked failed and left alone. */
  readonly maxAttempts?: number;
  readonly batchSize?: number;
}

export interface MailRelay {
  /** Sends what is due now; resolves with the number sent. */
  flush(): Promise<number>;
  stop(): Promise<void>;
}

/** 30 s, 1 min, 2 min, … capped at one hour, with up to 20 % jitter so retries do not march in step. */
export function retryDelayMs(attempts: number): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (1 + Math.random() * 0.2));
}

/**
 * Delivers the mail outbox over SMTP. Rows are claimed with FOR UPDATE SKIP LOCKED, so
 * several instances never send one message twice; each outcome is logged and kept on
 * the row (queued → sent, or queued again with the error and a later attempt, or failed).
 */
export function startMailRelay(options: MailRelayOptions): MailRelay {
  const { db, sender, logger } = options;
  const maxAttempts = options.maxAttempts ?? 8;
  const batchSize = options.batchSize ?? 20;
  let running: Promise<number> | null = null;
  let stopped = false;

  async function sendDue(): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const due = await sql<MailOutboxRow>`
        select id, template, recipient, subject, text_body, html_body, attempts from mail_outbox
        where status = 'queued' and next_attempt_at <= now()
        order by next_attempt_at limit ${batchSize} for update skip locked`.execute(trx);
      let sent = 0;
      for (const row of due.rows) {
        const attempts = row.attempts + 1;
        try {
          const messageId = await sender.send({ to: row.recipient, subject: row.subject, text: row.text_body, html: row.html_body });
          await sql`update mail_outbox set status = 'sent', attempts = ${attempts}, message_id = ${messageId}, sent_at = now(), last_error = null, updated_at = now() where id = ${row.id}`.execute(trx);
          logger.info({ mailId: row.id, template: row.template, attempts }, 'mail sent');
          sent += 1;
        } catch (error) {
          const reason = error instanceof Error ? error.message.slice(0, 500) : 'unknown error';
          const failed = attempts >= maxAttempts;
          const next = new Date(Date.now() + retryDelayMs(attempts));
          await sql`update mail_outbox set status = ${failed ? 'failed' : 'queued'}, attempts = ${attempts}, last_error = ${reason}, next_attempt_at = ${next}, updated_at = now() where id = ${row.id}`.execute(trx);
          logger.warn({ mailId: row.id, template: row.template, attempts, failed, err: reason }, failed ? 'mail failed' : 'mail queued for retry');
        }
      }
      return sent;
    });
  }

  const flush = () => {
    running ??= sendDue().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) flush().catch((error: unknown) => logger.error({ err: error }, 'mail relay round failed'));
  }, options.pollMs ?? 1000);
  timer.unref();

  return {
    flush,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => 0);
      sender.close();
    },
  };
}
