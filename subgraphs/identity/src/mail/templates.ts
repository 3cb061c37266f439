import { escapeHtml, type MailMessage } from '@jobgraph/kit';

export type IdentityMailTemplate = 'verify_email' | 'reset_password' | 'confirm_email_change';

interface TemplateInput {
  readonly to: string;
  readonly displayName: string;
  readonly link: string;
  readonly expiresInText: string;
}

const copy: Record<IdentityMailTemplate, { subject: string; lead: string; action: string; ignore: string }> = {
  verify_email: {
    subject: 'Confirm your email for Jobgraph',
    lead: 'Please confirm that this is your email address.',
    action: 'Confirm my email',
    ignore: 'If you did not create a Jobgraph account, ignore this mail.',
  },
  reset_password: {
    subject: 'Reset your Jobgraph password',
    lead: 'Someone asked to reset the password of your Jobgraph account.',
    action: 'Choose a new password',
    ignore: 'If it was not you, ignore this mail: your password stays as it is.',
  },
  confirm_email_change: {
    subject: 'Confirm your new email for Jobgraph',
    lead: 'Please confirm that you want to use this address for your Jobgraph account.',
    action: 'Use this address',
    ignore: 'If you did not ask for this, ignore this mail: your account keeps its current address.',
  },
};

/** The text and HTML of one of identity's mails; every value placed in HTML is escaped. */
export function renderMail(template: IdentityMailTemplate, input: TemplateInput): MailMessage {
  const words = copy[template];
  const text = [`Hello ${input.displayName},`, '', words.lead, '', `${words.action}: ${input.link}`, '', `The link works once, for ${input.expiresInText}.`, words.ignore, '', '— Jobgraph'].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<p>Hello ${escapeHtml(input.displayName)},</p>
<p>${escapeHtml(words.lead)}</p>
<p><a href="${escapeHtml(input.link)}">${escapeHtml(words.action)}</a></p>
<p style="color:#555">The link works once, for ${escapeHtml(input.expiresInText)}. ${escapeHtml(words.ignore)}</p>
<p>— Jobgraph</p>
</body></html>`;
  return { to: input.to, subject: words.subject, text, html };
}
