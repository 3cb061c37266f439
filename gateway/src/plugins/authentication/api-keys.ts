import { createHash } from 'node:crypto';
import type { InternalTokenSigner } from '@jobgraph/kit/internal-token';
import { anonymous, apiKeySessionPrefix, isRole, type UserPrincipal } from '@jobgraph/kit/principal';

/** A partner's API key, as identity resolved it. */
export interface ApiKeyPrincipal {
  readonly principal: UserPrincipal;
  readonly apiKeyId: string;
}

/** Turns a presented API key secret into who it belongs to, or null for an unknown or revoked key. */
export interface ApiKeyResolver {
  resolve(secret: string): Promise<ApiKeyPrincipal | null>;
}

export interface IdentityApiKeyResolverOptions {
  /** Identity's own HTTP server (its GraphQL URL will do: the route sits at the origin). */
  readonly identityUrl: string;
  readonly internalTokens: InternalTokenSigner;
  /** How long an answer (known or unknown key) is reused; at most 30 s so a revoked key stops working soon. */
  readonly cacheSeconds?: number;
  readonly timeoutMs?: number;
}

/**
 * Identity's contract: `POST /internal/api-keys/resolve` with `{"key": "<secret>"}`,
 * authenticated with the gateway's internal token, answers 200
 * `{"principal": {"userId", "roles", "scopes", "apiKeyId"}}` or 404. Answers are cached
 * by the secret's hash, never the secret itself.
 */
export function identityApiKeyResolver(options: IdentityApiKeyResolverOptions): ApiKeyResolver {
  const cacheMs = Math.min(30, options.cacheSeconds ?? 30) * 1000;
  const endpoint = new URL('/internal/api-keys/resolve', options.identityUrl);
  const cache = new Map<string, { answer: ApiKeyPrincipal | null; until: number }>();
  return {
    async resolve(secret) {
      const digest = createHash('sha256').update(secret).digest('hex');
      const cached = cache.get(digest);
      if (cached && cached.until > Date.now()) return cached.answer;
      const token = await options.internalTokens.sign(anonymous);
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ key: secret }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
      });
      let answer: ApiKeyPrincipal | null = null;
      if (response.status === 200) answer = principalFrom(await response.json());
      else if (response.status !== 404) throw new Error(`identity answered ${response.status} resolving an API key`);
      else await response.body?.cancel();
      cache.set(digest, { answer, until: Date.now() + cacheMs });
      if (cache.size > 10_000) cache.delete(cache.keys().next().value as string);
      return answer;
    },
  };
}

function principalFrom(body: unknown): ApiKeyPrincipal {
  const principal = (body as { principal?: Record<string, unknown> }).principal;
  if (!principal || typeof principal.userId !== 'string' || typeof principal.apiKeyId !== 'string') throw new Error('identity answered an API key without userId/apiKeyId');
  const roles = Array.isArray(principal.roles) ? principal.roles.filter(isRole) : [];
  const scopes = Array.isArray(principal.scopes) ? principal.scopes.filter((s): s is string => typeof s === 'string') : [];
  return { apiKeyId: principal.apiKeyId, principal: { kind: 'user', userId: principal.userId, roles, scopes, sessionId: `${apiKeySessionPrefix}${principal.apiKeyId}`, plan: null } };
}
