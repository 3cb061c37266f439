export interface GraphQLResponse<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly data?: T | null;
  readonly errors?: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }>;
}

/** POSTs an operation to the gateway the way a browser client would. */
export async function graphql<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}, accessToken?: string): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: Omit<GraphQLResponse<T>, 'status' | 'headers'>;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`gateway answered ${response.status} with non-JSON: ${text.slice(0, 200)}`);
  }
  assertNothingLeaks(body.errors);
  return { status: response.status, headers: response.headers, ...body };
}

const leaks = /https?:\/\/|127\.0\.0\.1|localhost:\d|ECONNREFUSED|ECONNRESET|socket hang up|\b[1-5]\d\d: [A-Z]/;
const internalExtensions = ['response', 'serviceName', 'exception', 'stacktrace'];

/**
 * Every error the e2e suite receives passes through here: none may show a subgraph's
 * URL, HTTP status or body, or a stack trace. A leak fails the test that caused it.
 */
export function assertNothingLeaks(errors: GraphQLResponse<unknown>['errors']): void {
  for (const error of errors ?? []) {
    const text = JSON.stringify(error);
    const extensionLeak = internalExtensions.find((key) => error.extensions && key in error.extensions);
    if (leaks.test(text) || extensionLeak) throw new Error(`an error leaks internals to the client: ${text}`);
  }
}

/** The code of a request the gateway refused before any subgraph saw it (NUL bytes, broken Unicode, limits). */
export function refusedAtTheEdge(response: GraphQLResponse<unknown>): string | undefined {
  return response.data === undefined && response.errors?.length === 1 ? String(response.errors[0]?.extensions?.code) : undefined;
}

/** The data of a response that must have succeeded. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length || !response.data) throw new Error(`operation failed: ${JSON.stringify(response.errors ?? response)}`);
  return response.data;
}
