import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const acceptable = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * The caller's `x-request-id` when it is a sane token, else a new one: the gateway reads a
 * client's, a subgraph the gateway's (it is not in the internal token, which callers reuse).
 */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && acceptable.test(given) ? given : randomUUID();
}
