import { isIP } from 'node:net';

/** Where a request came from, as the gateway passed it on. */
export interface ClientInfo {
  readonly userAgent: string | null;
  /** The network, never the address: see `coarseIp`. */
  readonly ipNetwork: string | null;
}

export const unknownClient: ClientInfo = Object.freeze({ userAgent: null, ipNetwork: null });

/** An IPv4 address as its /24, an IPv6 one as its /48: enough to tell "home" from "abroad", not to find a person. */
export function coarseIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const address = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  const family = isIP(address);
  if (family === 4) return `${address.split('.').slice(0, 3).join('.')}.0/24`;
  if (family === 6) {
    const [head = '', tail = ''] = address.split('::');
    const left = head ? head.split(':') : [];
    const right = tail ? tail.split(':') : [];
    const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
    return `${groups.slice(0, 3).map((g) => (parseInt(g, 16) || 0).toString(16)).join(':')}::/48`;
  }
  return null;
}

/** A user agent as stored: printable, at most 300 characters. */
export function cleanUserAgent(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const cleaned = raw.replace(/\p{Cc}/gu, '').slice(0, 300).trim();
  return cleaned.length > 0 ? cleaned : null;
}
