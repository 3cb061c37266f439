import type { IncomingMessage } from 'node:http';
import { CodedError, ErrorCode, apiKeySessionPrefix, isRole, type InternalTokenSigner, type Principal } from '@jobgraph/kit';

/** Turns a partner's secret into the principal it stands for, or null when no live key has it. */
export interface ApiKeyResolver {
  resolve(secret: string): Promise<Principal | null>;
}

/** The secret of `Authorization: ApiKey <secret>` or `x-api-key: <secret>`, or null when neither is sent. */
export function apiKeyOf(request: IncomingMessage): string | null {
  const authorization = request.headers.authorization;
  const match = typeof authorization === 'string' ? /^ApiKey\s+(\S+)\s*$/i.exec(authorization) : null;
  if (match?.[1]) return match[1];
  const header = request.headers['x-api-key'];
  return typeof header === 'string' && header.trim().length > 0 ? header.trim() : null;
}

interface Resolved {
  readonly principal: { readonly userId: string; readonly roles: readonly unknown[]; readonly scopes: readonly unknown[]; readonly apiKeyId: string };
}

/** Asks identity (`POST /internal/api-keys/resolve`) with the gateway's internal token. */
export function identityApiKeyResolver(resolveUrl: string, internalTokens: InternalTokenSigner): ApiKeyResolver {
  return {
    async resolve(secret) {
      const token = await internalTokens.sign({ kind: 'anonymous' }, crypto.randomUUID());
      const response = await fetch(resolveUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ key: secret }),
        signal: AbortSignal.timeout(5_000),
      });
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`identity answered ${response.status} resolving an API key`);
      const { principal } = (await response.json()) as Resolved;
      return {
        kind: 'user',
        userId: principal.userId,
        roles: principal.roles.filter(isRole),
        scopes: principal.scopes.filter((scope): scope is string => typeof scope === 'string'),
        sessionId: `${apiKeySessionPrefix}${principal.apiKeyId}`,
        plan: null,
      };
    },
  };
}

/**
 * Remembers each answer (a principal, or "no such key") for at most `ttlMs`, capped at
 * 30 s: a revoked key stops within that time. Keyed by the secret's hash, never the secret.
 */
export function cachedApiKeyResolver(inner: ApiKeyResolver, ttlMs = 30_000, now: () => number = Date.now): ApiKeyResolver {
  const ttl = Math.min(ttlMs, 30_000);
  const cache = new Map<string, { principal: Principal | null; until: number }>();
  return {
    async resolve(secret) {
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
      const id = Buffer.from(digest).toString('base64url');
      const hit = cache.get(id);
      if (hit && hit.until > now()) return hit.principal;
      const principal = await inner.resolve(secret);
      if (cache.size > 10_000) cache.clear();
      cache.set(id, { principal, until: now() + ttl });
      return principal;
    },
  };
}

/** The principal of the request's API key; null when it sends none; UNAUTHENTICATED for a key that is not live. */
export async function authenticateApiKey(request: IncomingMessage, resolver: ApiKeyResolver | undefined): Promise<Principal | null> {
  const secret = apiKeyOf(request);
  if (!secret || !resolver) return null;
  const principal = await resolver.resolve(secret);
  if (!principal) throw new CodedError(ErrorCode.UNAUTHENTICATED, 'This API key is unknown, revoked or expired.', { reason: 'API_KEY_INVALID' });
  return principal;
}
