import type { IncomingMessage } from 'node:http';
import { bearerToken } from '@jobgraph/kit/http';
import { anonymous } from '@jobgraph/kit/principal';
import type { AccessTokenVerifier } from '../../auth/access-token-verifier.ts';
import { EdgeRefusal, type EdgePlugin } from '../../edge.ts';
import type { ApiKeyResolver } from './api-keys.ts';

export interface AuthenticationOptions {
  readonly accessTokens: AccessTokenVerifier;
  /** Partners' API keys; without a resolver, API keys are refused. */
  readonly apiKeys?: ApiKeyResolver;
}

/**
 * Who is calling. `Authorization: Bearer <access token>` must verify;
 * `Authorization: ApiKey <secret>` or `x-api-key: <secret>` must name a live key.
 * No credentials: anonymous on the first-party graph; the public graph takes API keys
 * only. Refusals are 401 before the body is read.
 */
export function authentication(options: AuthenticationOptions): EdgePlugin {
  return {
    name: 'authentication',
    async onRequest(call) {
      const apiKey = apiKeyOf(call.http);
      if (apiKey !== null) {
        const resolved = options.apiKeys ? await options.apiKeys.resolve(apiKey) : null;
        if (!resolved) throw unauthenticated('The API key is unknown or revoked.', 'API_KEY_INVALID', 'ApiKey');
        call.principal = resolved.principal;
        call.apiKeyId = resolved.apiKeyId;
        return;
      }
      if (call.endpoint === 'public') throw unauthenticated('The public graph takes a partner API key: `Authorization: ApiKey <secret>`.', 'API_KEY_REQUIRED', 'ApiKey');
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

function apiKeyOf(request: IncomingMessage): string | null {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.trim()) return header.trim();
  const match = /^ApiKey\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
}

const unauthenticated = (message: string, reason: string, scheme: string) =>
  new EdgeRefusal(401, 'UNAUTHENTICATED', message, { extensions: { reason }, headers: { 'www-authenticate': `${scheme} error="invalid_token"` } });
