import type { TrustedSender } from '../../db/types.ts';
import { addressAtDomain, isAtsSender } from './ats-senders.ts';

/**
 * Whether mail from `address` (the From header's address; its display name never counts)
 * is trusted by a user: one of the built-in applicant-tracking systems, an address they
 * added, or an address at a domain they added (subdomains included).
 */
export function isTrustedSender(address: string, trusted: readonly Pick<TrustedSender, 'kind' | 'sender'>[]): boolean {
  const from = address.toLowerCase();
  if (!from.includes('@')) return false;
  if (isAtsSender(from)) return true;
  return trusted.some((entry) => (entry.kind === 'address' ? entry.sender === from : addressAtDomain(from, entry.sender)));
}
