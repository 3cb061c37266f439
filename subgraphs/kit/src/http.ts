import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ErrorCode } from './error-code.ts';
import { HeaderMap, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';

/** A request the HTTP layer refuses before GraphQL sees it. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, message: string, code: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
  }
}

export const defaultBodyLimitBytes = 1_000_000;

/** Reads and parses a JSON body, refusing more than `limitBytes`. */
export async function readJsonBody(request: IncomingMessage, limitBytes = defaultBodyLimitBytes): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limitBytes) throw new HttpError(413, `Request body is larger than ${limitBytes} bytes.`, 'PAYLOAD_TOO_LARGE');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) throw new HttpError(413, `Request body is larger than ${limitBytes} bytes.`, 'PAYLOAD_TOO_LARGE');
    chunks.push(buffer);
  }
  if (size === 0) return undefined;
  const contentType = request.headers['content-type'] ?? '';
  if (!contentType.includes('json')) return Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON.', 'BAD_REQUEST');
  }
}

export function headerMapOf(request: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

export async function toGraphQLRequest(request: IncomingMessage, limitBytes?: number): Promise<HTTPGraphQLRequest> {
  const url = new URL(request.url ?? '/', 'http://internal');
  return {
    method: (request.method ?? 'GET').toUpperCase(),
    headers: headerMapOf(request),
    search: url.search,
    body: request.method === 'POST' ? await readJsonBody(request, limitBytes) : undefined,
  };
}

export async function sendGraphQLResponse(response: ServerResponse, result: HTTPGraphQLResponse, extraHeaders: Record<string, string> = {}): Promise<void> {
  response.statusCode = result.status ?? 200;
  for (const [name, value] of result.headers) response.setHeader(name, value);
  for (const [name, value] of Object.entries(extraHeaders)) response.setHeader(name, value);
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/** An error in the GraphQL response shape, for refusals made before execution. */
export function sendGraphQLError(response: ServerResponse, status: number, message: string, code: string, headers: Record<string, string> = {}): void {
  sendJson(response, status, { errors: [{ message, extensions: { code } }] }, headers);
}

export function bearerToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * The last word on a request whose handler threw: an HTTP refusal keeps its status;
 * anything else is logged and answered with a masked 500 (or the response is ended,
 * when headers had already gone out).
 */
export function answerFailedRequest(response: ServerResponse, error: unknown, logger: { error(fields: object, message: string): void }, path?: string): void {
  if (error instanceof HttpError) {
    sendGraphQLError(response, error.status, error.message, error.code);
    return;
  }
  logger.error({ err: error, path }, 'request failed');
  if (!response.headersSent) sendGraphQLError(response, 500, 'Unexpected error.', ErrorCode.INTERNAL_SERVER_ERROR);
  else response.end();
}

/** Starts listening (port 0 picks a free one) and resolves with the port taken. */
export async function listen(server: Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : port;
}
