import { sendJson, type RouteHandler } from '@jobgraph/kit';
import type { SigningKeyStore } from './signing-keys.ts';

export const jwksPath = '/.well-known/jwks.json';

/** Public keys only; cached briefly by verifiers, which refetch on an unknown `kid`. */
export function jwksRoute(keys: SigningKeyStore): RouteHandler {
  return async (_request, response) => {
    sendJson(response, 200, await keys.jwks(), { 'cache-control': 'public, max-age=60' });
  };
}
