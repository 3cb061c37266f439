import nodemailer from 'nodemailer';
import type { MailMessage } from './mail-outbox.ts';

/** Delivers one message; resolves with the server's message id, rejects with why it could not. */
export interface MailSender {
  send(message: MailMessage): Promise<string>;
  close(): void;
}

/**
 * SMTP through nodemailer to the configured server: `smtp://host:port` (STARTTLS when
 * offered) or `smtps://…`, with `user:pass@` when the server wants a login.
 */
export function createSmtpSender(smtpUrl: string, from: string): MailSender {
  const transport = nodemailer.createTransport(smtpUrl, { from });
  return {
    async send(message) {
      const info = await transport.sendMail({ to: message.to, subject: message.subject, text: message.text, html: message.html });
      return String(info.messageId);
    },
    close: () => transport.close(),
  };
}
