import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { DbTrustedSenderKind } from '../../db/types.ts';

export interface TrustedSenderDraft {
  readonly kind: DbTrustedSenderKind;
  readonly sender: string;
}

const field = ['input', 'sender'];
const domainPattern = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const localPattern = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$/;
/** Whole public mailbox providers: trusting one would trust anybody. */
const publicMailDomains = new Set(['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'yahoo.com', 'icloud.com', 'me.com', 'aol.com', 'gmx.de', 'gmx.net', 'web.de', 'proton.me', 'protonmail.com', 'mail.com']);

/**
 * An address (`jobs@acme.com`) or a domain (`acme.com`, or `@acme.com`), lower-cased.
 * A whole public mail provider (gmail.com, …) is refused as TOO_BROAD; its single
 * addresses may be trusted.
 */
export function validateTrustedSender(raw: string): Outcome<TrustedSenderDraft> {
  const value = raw.trim().toLowerCase().replace(/^@/, '');
  if (value.length > 254) return fail(userError('TOO_LONG', 'Use at most 254 characters.', field));
  const at = value.lastIndexOf('@');
  if (at < 0) {
    if (!domainPattern.test(value)) return fail(userError('INVALID_SENDER', 'Give an email address or a domain such as acme.com.', field));
    if (publicMailDomains.has(value)) return fail(userError('TOO_BROAD', 'A public mail provider cannot be trusted as a whole; add the single address.', field));
    return succeed({ kind: 'domain', sender: value });
  }
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (!localPattern.test(local) || !domainPattern.test(domain)) return fail(userError('INVALID_SENDER', 'Give an email address or a domain such as acme.com.', field));
  return succeed({ kind: 'address', sender: value });
}
