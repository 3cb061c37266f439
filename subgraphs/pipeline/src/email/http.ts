import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '@jobgraph/kit';

/** Equal strings, compared in constant time (over their sha-256, so lengths leak nothing either). */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

export class BodyTooLarge extends Error {}

/**
 * The request body, refused as soon as it passes `limit` bytes (by its Content-Length
 * or while it streams). What is over the limit is read and dropped, up to a hard cap,
 * so the client sees the 413 rather than a reset connection.
 */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = declared > limit;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) tooLarge = true;
    if (!tooLarge) chunks.push(chunk);
    else if (size > limit * 4) {
      request.destroy();
      break;
    }
  }
  if (tooLarge) throw new BodyTooLarge();
  return Buffer.concat(chunks);
}

export function answer(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  sendJson(response, status, body);
}

/** `user:password` of a Basic Authorization header, or null. */
export function basicPassword(request: IncomingMessage): string | null {
  const header = request.headers.authorization ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(colon + 1);
}

export function bearer(request: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
}
