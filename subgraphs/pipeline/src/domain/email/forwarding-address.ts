import { randomBytes } from 'node:crypto';

const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';

/** 26 base32 characters from 16 random bytes: 128 bits, unguessable. */
export function newForwardingToken(): string {
  const bytes = randomBytes(16);
  let bits = 0;
  let value = 0;
  let token = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      token += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) token += alphabet[(value << (5 - bits)) & 31];
  return token;
}

export function forwardingAddress(token: string, domain: string): string {
  return `${token}@${domain}`;
}

/** The token of a recipient address at the inbound domain (plus-tags ignored), or null. */
export function tokenOfRecipient(address: string, domain: string): string | null {
  const [local, host] = address.toLowerCase().split('@');
  if (!local || host !== domain.toLowerCase()) return null;
  const token = local.split('+')[0] ?? '';
  return /^[a-z2-7]{26}$/.test(token) ? token : null;
}
