import { anonymous, bearerToken } from '@jobgraph/kit';
import type { AccessTokenVerifier } from '../../auth/access-token-verifier.ts';
import { EdgeRefusal, type EdgePlugin } from '../../edge.ts';

export interface AuthenticationOptions {
  readonly accessTokens: AccessTokenVerifier;
}

/**
 * No credentials: an anonymous caller. An access token (`Authorization: Bearer`) must
 * verify, or the request is refused with 401 before its body is read.
 */
export function authentication(options: AuthenticationOptions): EdgePlugin {
  return {
    name: 'authentication',
    async onRequest(call) {
      const token = bearerToken(call.http);
      if (!token) {
        call.principal = anonymous;
        return;
      }
      try {
        call.principal = await options.accessTokens.verify(token);
      } catch (error) {
        const extensions = (error as { extensions?: Record<string, unknown> }).extensions ?? {};
        if (extensions.code !== 'UNAUTHENTICATED') throw error;
        throw new EdgeRefusal(401, 'UNAUTHENTICATED', (error as Error).message, {
          extensions: Object.fromEntries(Object.entries(extensions).filter(([key]) => key !== 'code' && key !== 'http')),
          headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
        });
      }
    },
  };
}
