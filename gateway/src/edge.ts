import type { IncomingMessage } from 'node:http';
import type { DocumentNode } from 'graphql';
import type { Principal } from '@jobgraph/kit';

/** The two graphs the gateway serves: the first-party API and the partners' contract. */
export type Endpoint = 'internal' | 'public';

/** A refusal made at the edge, before anything executes: an HTTP status and a code the client sees. */
export class EdgeRefusal extends Error {
  readonly status: number;
  readonly code: string;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;
  /** The response path of the field the refusal is about, when it is about one. */
  readonly path: readonly string[] | undefined;

  constructor(status: number, code: string, message: string, options: { extensions?: Record<string, unknown>; headers?: Record<string, string>; path?: readonly string[] } = {}) {
    super(message);
    this.name = 'EdgeRefusal';
    this.status = status;
    this.code = code;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
    this.path = options.path;
  }
}

/** The GraphQL request as the client sent it (POST body or GET parameters). */
export interface OperationRequest {
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

/** What the gateway knows of one document, computed once per distinct query text. */
export interface PreparedDocument {
  readonly hash: string;
  readonly document: DocumentNode;
  /** Per-plugin memo: a plugin stores its verdict on the document here, keyed by its name. */
  readonly memo: Map<string, unknown>;
}

/** One call at the edge, threaded through every plugin in order. */
export interface EdgeCall {
  readonly endpoint: Endpoint;
  readonly http: IncomingMessage;
  readonly requestId: string;
  /** The caller's address, as the socket saw it. */
  readonly ip: string;
  principal: Principal;
  /** Set when the caller authenticated with a partner API key. */
  apiKeyId: string | null;
  operation: OperationRequest;
  document: PreparedDocument | null;
  /** Extra `extensions` merged into the response (e.g. `cost`). */
  readonly responseExtensions: Record<string, unknown>;
  readonly responseHeaders: Record<string, string>;
}

/**
 * One edge control. `onRequest` runs before the body is parsed as GraphQL; `onBody`
 * once the request is read, before its document is parsed (it may supply the document,
 * e.g. from a persisted id); `onOperation` once the document is known, before
 * execution. Any refuses by throwing an EdgeRefusal.
 */
export interface EdgePlugin {
  readonly name: string;
  onRequest?(call: EdgeCall): void | Promise<void>;
  onBody?(call: EdgeCall): void | Promise<void>;
  onOperation?(call: EdgeCall, document: PreparedDocument): void | Promise<void>;
}

/** The key a per-principal control counts against: the API key, the user, or the IP. */
export function principalKey(call: EdgeCall): string {
  if (call.apiKeyId) return `key:${call.apiKeyId}`;
  if (call.principal.kind === 'user') return `user:${call.principal.userId}`;
  return `ip:${call.ip}`;
}
