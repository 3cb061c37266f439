import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@jobgraph/kit';
import { EdgeRefusal } from '../../edge.ts';

export interface CalendarFeedForwardingOptions {
  /** The pipeline subgraph's GraphQL URL; the feed is `/calendar/feed.ics` on the same origin. */
  readonly pipelineUrl: string | undefined;
  readonly timeoutMs: number;
  readonly logger: Logger;
}

export const calendarFeedPath = '/calendar/feed.ics';

/** Largest feed passed through (pipeline caps a feed at 1,000 events). */
const maxFeedBytes = 4 * 1024 * 1024;
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * `GET /calendar/feed.ics?token=…` forwards to pipeline's private iCalendar feed (PI-16),
 * which calendar apps poll without any other credential: the token is the secret. Only
 * the token travels (no cookies, no Authorization); pipeline answers the calendar or a
 * bare 404, passed through as is. A malformed token is a 404 without a call.
 */
export function calendarFeedForwarding(options: CalendarFeedForwardingOptions) {
  return async function forward(request: IncomingMessage, response: ServerResponse, url: URL, requestId: string): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new EdgeRefusal(405, 'METHOD_NOT_ALLOWED', 'The calendar feed answers GET only.', { headers: { allow: 'GET, HEAD' } });
    const token = url.searchParams.get('token');
    if (!options.pipelineUrl || token === null || !tokenPattern.test(token)) throw new EdgeRefusal(404, 'NOT_FOUND', 'No calendar is served at this address.');
    const target = new URL(calendarFeedPath, options.pipelineUrl);
    target.searchParams.set('token', token);
    let answer: Response;
    try {
      answer = await fetch(target, { method: request.method, headers: { 'x-request-id': requestId }, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      options.logger.warn({ err: error, requestId }, 'calendar feed forwarding failed');
      throw new EdgeRefusal(502, 'SUBGRAPH_UNAVAILABLE', 'The calendar is unavailable; retry later.');
    }
    if (answer.status !== 200) throw new EdgeRefusal(404, 'NOT_FOUND', 'No calendar is served at this address.');
    const body = Buffer.from(await answer.arrayBuffer());
    if (body.length > maxFeedBytes) throw new EdgeRefusal(502, 'SUBGRAPH_UNAVAILABLE', 'The calendar is too large to serve.');
    response.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, no-store', 'content-disposition': 'inline; filename="jobgraph.ics"' });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}
