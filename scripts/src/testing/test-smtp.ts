import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMailCatcher } from '../mail-catcher.ts';

export interface TestSmtp {
  /** Where mail is sent: smtp://127.0.0.1:<port>. */
  readonly smtpUrl: string;
  /** maildev's web inbox and REST API (GET /api/email). */
  readonly mailWebUrl: string;
  readonly source: 'SMTP_URL' | 'infra/mail/maildev.sh';
  stop(): Promise<void>;
}

/**
 * The SMTP server tests send to: `SMTP_URL` and `MAIL_WEB_URL` when set (CI starts one),
 * else maildev started through infra/mail/maildev.sh in a run folder of its own. Never
 * "none": a test that needs mail fails rather than skips.
 */
export async function startTestSmtp(): Promise<TestSmtp> {
  const given = process.env.SMTP_URL;
  if (given) {
    const web = process.env.MAIL_WEB_URL;
    if (!web) throw new Error("SMTP_URL is set but MAIL_WEB_URL is not: tests read received mail through maildev's REST API");
    return { smtpUrl: given, mailWebUrl: web, source: 'SMTP_URL', stop: async () => {} };
  }
  try {
    const catcher = await startMailCatcher({ MAILDEV_RUN_DIR: mkdtempSync(path.join(tmpdir(), 'jobgraph-maildev-')) });
    return { ...catcher, source: 'infra/mail/maildev.sh' };
  } catch (error) {
    throw new Error(`could not start maildev through infra/mail/maildev.sh${process.env.CI ? ' (CI needs it)' : ''}: ${String(error)}`);
  }
}
