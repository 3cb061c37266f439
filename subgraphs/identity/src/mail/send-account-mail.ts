import { queueMail } from '@jobgraph/kit';
import type { Kysely } from 'kysely';
import type { AccountTokenPurpose, Database } from '../db/types.ts';
import type { IdentityConfig } from '../config.ts';
import { issueAccountToken } from '../domain/account-tokens.ts';
import { renderMail, type IdentityMailTemplate } from './templates.ts';

const routes: Record<AccountTokenPurpose, { path: string; template: IdentityMailTemplate }> = {
  verify_email: { path: '/verify-email', template: 'verify_email' },
  reset_password: { path: '/reset-password', template: 'reset_password' },
  change_email: { path: '/confirm-email', template: 'confirm_email_change' },
};

const ttlMs = (config: IdentityConfig, purpose: AccountTokenPurpose) =>
  purpose === 'reset_password' ? config.RESET_PASSWORD_TTL_MINUTES * 60_000 : config.VERIFY_EMAIL_TTL_HOURS * 3_600_000;

const spoken = (ms: number) => (ms >= 3_600_000 ? `${Math.round(ms / 3_600_000)} hours` : `${Math.round(ms / 60_000)} minutes`);

/** Issues a token for `purpose` and queues the mail carrying its link, in the caller's transaction. */
export async function sendAccountMail(trx: Kysely<Database>, config: IdentityConfig, user: { id: string; display_name: string }, purpose: AccountTokenPurpose, to: string): Promise<void> {
  const ttl = ttlMs(config, purpose);
  const token = await issueAccountToken(trx, user.id, purpose, to, ttl);
  const link = new URL(routes[purpose].path, config.APP_URL);
  link.searchParams.set('token', token);
  const message = renderMail(routes[purpose].template, { to, displayName: user.display_name, link: link.toString(), expiresInText: spoken(ttl) });
  await queueMail(trx as unknown as Kysely<unknown>, routes[purpose].template, message);
}
