import type { ServerResponse } from 'node:http';
import type { EdgeRefusal } from '../edge.ts';

/** An edge refusal in the GraphQL response shape, with its status and headers. */
export function sendRefusal(response: ServerResponse, refusal: EdgeRefusal, headers: Record<string, string> = {}): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const body = JSON.stringify({ errors: [{ message: refusal.message, ...(refusal.path ? { path: refusal.path } : {}), extensions: { ...refusal.extensions, code: refusal.code } }] });
  response.writeHead(refusal.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...headers,
    ...refusal.headers,
  });
  response.end(body);
}
