import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { RequestClient } from '@jobgraph/kit';

/** Proxies whose `x-forwarded-for` the gateway believes: addresses or CIDR ranges, e.g. `10.0.0.0/8,127.0.0.1`. */
export function trustedProxies(list: readonly string[]): BlockList {
  const trusted = new BlockList();
  for (const entry of list) {
    const [address = '', bits] = entry.trim().split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an address or range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) trusted.addAddress(address, type);
    else trusted.addSubnet(address, Number(bits), type);
  }
  return trusted;
}

const familyOf = (ip: string) => (isIP(ip) === 6 ? 'ipv6' : 'ipv4');
const plain = (ip: string) => (ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip);

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy; then the
 * forwarded-for chain is walked from the right past trusted proxies, and the first
 * address not trusted is the client. A chain from an untrusted peer is ignored.
 */
export function clientOf(request: IncomingMessage, trusted: BlockList): RequestClient {
  const agent = request.headers['user-agent'];
  const userAgent = typeof agent === 'string' && agent.length > 0 ? agent.slice(0, 512) : null;
  let ip = request.socket.remoteAddress ? plain(request.socket.remoteAddress) : null;
  const header = request.headers['x-forwarded-for'];
  if (ip && header && trusted.check(ip, familyOf(ip))) {
    const chain = (Array.isArray(header) ? header.join(',') : header).split(',').map((part) => plain(part.trim()));
    for (const hop of chain.reverse()) {
      if (isIP(hop) === 0) break;
      ip = hop;
      if (!trusted.check(hop, familyOf(hop))) break;
    }
  }
  return { userAgent, ip };
}
