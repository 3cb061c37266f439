import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@jobgraph/kit';
import { EdgeRefusal } from '../../edge.ts';
import { readBody } from '../../http/read-operation.ts';

export interface WebhookForwardingOptions {
  /** Each subgraph's GraphQL URL; webhooks go to `/webhooks/<rest>` on the same origin. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly maxBodyBytes: number;
  readonly timeoutMs: number;
  readonly logger: Logger;
}

export const webhookPrefix = '/webhooks/';

const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length', 'upgrade', 'proxy-authorization', 'te', 'trailer']);
const safeRest = /^[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)*$/;
const answerLimitBytes = 64 * 1024;

/**
 * `POST /webhooks/<domain>/<rest>` forwards the raw body and the sender's headers to
 * that subgraph's `/webhooks/<rest>` (billing's Stripe events, pipeline's inbound
 * mail): signatures over the raw bytes still verify. The gateway adds no internal
 * token; the subgraph authenticates the sender itself. Its status comes back; its
 * address never does.
 */
export function webhookForwarding(options: WebhookForwardingOptions) {
  return async function forward(request: IncomingMessage, response: ServerResponse, url: URL, requestId: string): Promise<void> {
    const [domain, ...restParts] = url.pathname.slice(webhookPrefix.length).split('/');
    const rest = restParts.join('/');
    const base = domain ? options.subgraphUrls[domain] : undefined;
    if (!base || !Object.hasOwn(options.subgraphUrls, domain as string) || !safeRest.test(rest) || rest.split('/').some((part) => part === '..' || part === '.')) {
      throw new EdgeRefusal(404, 'NOT_FOUND', 'No webhook is served at this path.');
    }
    if (request.method !== 'POST') throw new EdgeRefusal(405, 'METHOD_NOT_ALLOWED', 'Webhooks accept POST only.', { headers: { allow: 'POST' } });
    const body = await readBody(request, options.maxBodyBytes);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || hopByHop.has(name)) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    headers.set('x-request-id', requestId);
    headers.set('x-forwarded-for', request.socket.remoteAddress ?? '');
    const target = new URL(`/webhooks/${rest}${url.search}`, base);
    let answer: Response;
    try {
      answer = await fetch(target, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      options.logger.warn({ err: error, domain, rest, requestId }, 'webhook forwarding failed');
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new EdgeRefusal(timedOut ? 504 : 502, 'SUBGRAPH_UNAVAILABLE', 'The service behind this webhook is unavailable; retry later.');
    }
    const contentType = answer.headers.get('content-type') ?? 'application/octet-stream';
    const text = Buffer.from(await answer.arrayBuffer());
    const passBody = text.length <= answerLimitBytes && /json|text/.test(contentType);
    const status = answer.status >= 300 && answer.status < 400 ? 502 : answer.status;
    response.writeHead(status, { 'content-type': passBody ? contentType : 'application/json; charset=utf-8' });
    response.end(passBody ? text : JSON.stringify({ status }));
  };
}
