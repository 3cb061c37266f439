import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../../infra/mail/maildev.sh', import.meta.url));

export interface MailCatcher {
  /** Where mail is sent: smtp://127.0.0.1:<port>. */
  readonly smtpUrl: string;
  /** maildev's web inbox; its REST API is under /api/email. */
  readonly mailWebUrl: string;
  stop(): Promise<void>;
}

/** maildev started through infra/mail/maildev.sh (installed from npm on first use), with the given script env. */
export async function startMailCatcher(scriptEnv: NodeJS.ProcessEnv): Promise<MailCatcher> {
  const env = { ...process.env, ...scriptEnv };
  const { stdout } = await run('bash', [script, 'start'], { env, timeout: 180_000 });
  const value = (key: string) => stdout.match(new RegExp(`^${key}=(.+)$`, 'm'))?.[1]?.trim();
  const smtpUrl = value('SMTP_URL');
  const mailWebUrl = value('MAIL_WEB_URL');
  if (!smtpUrl || !mailWebUrl) throw new Error(`maildev.sh printed no SMTP_URL/MAIL_WEB_URL: ${stdout}`);
  return { smtpUrl, mailWebUrl, stop: async () => void (await run('bash', [script, 'stop'], { env })) };
}
