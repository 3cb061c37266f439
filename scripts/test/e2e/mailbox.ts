import { inject } from 'vitest';
import { eventually } from '@jobgraph/kit/testing';

export interface ReceivedMail {
  readonly id: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly to: readonly { address: string }[];
  readonly from: readonly { address: string }[];
}

/** The SMTP server the stack sends to in tests (maildev on 127.0.0.1), as env for the stack. */
export function smtpEnv(): NodeJS.ProcessEnv {
  const smtpUrl = inject('smtpUrl');
  if (!smtpUrl) throw new Error('no SMTP server for this run: the global setup starts one for identity and e2e files');
  return { SMTP_URL: smtpUrl, MAIL_POLL_MS: '100' };
}

/** Every message maildev received for `address`, oldest first. */
export async function mailTo(address: string): Promise<ReceivedMail[]> {
  const response = await fetch(new URL('/api/email', inject('mailWebUrl')));
  const all = (await response.json()) as ReceivedMail[];
  return all.filter((mail) => mail.to.some((to) => to.address.toLowerCase() === address.toLowerCase()));
}

/** Waits for the `count`-th message to `address` whose subject matches, and returns it. */
export async function receive(address: string, subject: RegExp, count = 1): Promise<ReceivedMail> {
  return eventually(async () => (await mailTo(address)).filter((mail) => subject.test(mail.subject))[count - 1], 15_000);
}

/** The link in a mail's text, as a person would click it. */
export function linkIn(mail: ReceivedMail): URL {
  const match = mail.text.match(/https?:\/\/\S+/);
  if (!match) throw new Error(`no link in mail "${mail.subject}"`);
  return new URL(match[0]);
}

/** The token the link carries: what the web app passes on to the API when the link is opened. */
export const tokenIn = (mail: ReceivedMail) => linkIn(mail).searchParams.get('token') ?? '';
