import { readJsonBody, sendJson, type InternalTokenVerifier, type RouteHandler } from '@jobgraph/kit';
import { bearerToken } from '@jobgraph/kit';
import type { IdentityDeps } from '../domain/deps.ts';
import { resolveApiKey } from '../domain/api-keys.ts';

export const apiKeyResolvePath = '/internal/api-keys/resolve';

/**
 * The gateway's question "whose key is this?": POST `{"key":"<secret>"}` with the
 * gateway's internal token. 200 with the principal, 404 for an unknown, revoked or
 * expired key; every answer is about one key, so nothing can be listed through it.
 */
export function apiKeyResolveRoute(deps: IdentityDeps, internalToken: InternalTokenVerifier): RouteHandler {
  return async (request, response) => {
    if (request.method !== 'POST') return sendJson(response, 405, { error: 'method not allowed' }, { allow: 'POST' });
    const token = bearerToken(request);
    try {
      if (!token) throw new Error('no token');
      await internalToken.verify(token);
    } catch {
      return sendJson(response, 401, { error: 'the gateway\'s internal token is required' });
    }
    let body: unknown;
    try {
      body = await readJsonBody(request, 4096);
    } catch {
      return sendJson(response, 400, { error: 'body must be JSON of at most 4 KB' });
    }
    const key = typeof body === 'object' && body !== null && 'key' in body && typeof body.key === 'string' ? body.key : null;
    if (key === null) return sendJson(response, 400, { error: 'body must be {"key":"<secret>"}' });
    const principal = await resolveApiKey(deps, key);
    if (!principal) return sendJson(response, 404, { error: 'not found' }, { 'cache-control': 'no-store' });
    return sendJson(response, 200, { principal }, { 'cache-control': 'no-store' });
  };
}
