import type { IncomingMessage } from 'node:http';
import { EdgeRefusal, type OperationRequest } from '../edge.ts';

/** The request body, at most `limitBytes`, chunked or not; a larger one is refused with 413 and the connection closed. */
export function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limitBytes) return Promise.reject(tooLarge(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        // Stop reading: the refusal goes out with `connection: close`, and the rest is never read.
        request.pause();
        reject(tooLarge(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new EdgeRefusal(400, 'BAD_REQUEST', `The request body could not be read: ${error.message}`, { headers: { connection: 'close' } }));
    };
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

const tooLarge = (limitBytes: number) =>
  new EdgeRefusal(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limitBytes} bytes.`, { extensions: { limit: limitBytes }, headers: { connection: 'close' } });

/**
 * The GraphQL request in a POST body or GET query string. Batches (a JSON array) are
 * refused: one HTTP request, one operation, so every limit counts what it sees.
 */
export async function readOperation(request: IncomingMessage, search: URLSearchParams, limitBytes: number): Promise<OperationRequest> {
  if (request.method === 'GET' || request.method === 'HEAD') {
    return {
      ...optionalString('query', search.get('query')),
      ...optionalString('operationName', search.get('operationName')),
      ...optionalObject('variables', search.get('variables')),
      ...optionalObject('extensions', search.get('extensions')),
    };
  }
  if (request.method !== 'POST') throw new EdgeRefusal(405, 'METHOD_NOT_ALLOWED', 'Use GET or POST.', { headers: { allow: 'GET, POST' } });
  const body = await readBody(request, limitBytes);
  const contentType = request.headers['content-type'] ?? '';
  if (!/^application\/(graphql-response\+)?json\b/i.test(contentType)) {
    throw new EdgeRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the operation as application/json.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new EdgeRefusal(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  }
  if (Array.isArray(parsed)) throw new EdgeRefusal(400, 'BATCHING_NOT_SUPPORTED', 'Send one operation per request; batches are refused.');
  if (typeof parsed !== 'object' || parsed === null) throw new EdgeRefusal(400, 'BAD_REQUEST', 'The request body must be a JSON object.');
  const fields = parsed as Record<string, unknown>;
  const operation: OperationRequest = {};
  if (fields.query !== undefined && fields.query !== null) {
    if (typeof fields.query !== 'string') throw new EdgeRefusal(400, 'BAD_REQUEST', '`query` must be a string.');
    operation.query = fields.query;
  }
  if (fields.operationName !== undefined && fields.operationName !== null) {
    if (typeof fields.operationName !== 'string') throw new EdgeRefusal(400, 'BAD_REQUEST', '`operationName` must be a string.');
    operation.operationName = fields.operationName;
  }
  for (const key of ['variables', 'extensions'] as const) {
    const value = fields[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw new EdgeRefusal(400, 'BAD_REQUEST', `\`${key}\` must be an object.`);
    operation[key] = value as Record<string, unknown>;
  }
  return operation;
}

function optionalString<K extends string>(key: K, value: string | null): Partial<Record<K, string>> {
  return value === null ? {} : ({ [key]: value } as Record<K, string>);
}

function optionalObject<K extends string>(key: K, value: string | null): Partial<Record<K, Record<string, unknown>>> {
  if (value === null) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new EdgeRefusal(400, 'BAD_REQUEST', `\`${key}\` is not valid JSON.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new EdgeRefusal(400, 'BAD_REQUEST', `\`${key}\` must be an object.`);
  return { [key]: parsed } as Record<K, Record<string, unknown>>;
}

/** The query string of a GET request carrying `operation` (as the edge resolved it, e.g. from a persisted id). */
export function searchOf(operation: OperationRequest): string {
  const search = new URLSearchParams();
  if (operation.query !== undefined) search.set('query', operation.query);
  if (operation.operationName !== undefined) search.set('operationName', operation.operationName);
  if (operation.variables !== undefined) search.set('variables', JSON.stringify(operation.variables));
  if (operation.extensions !== undefined && Object.keys(operation.extensions).length > 0) search.set('extensions', JSON.stringify(operation.extensions));
  return `?${search.toString()}`;
}
