import { unauthenticated, forbidden } from './errors.ts';

export const roles = ['candidate', 'employer', 'recruiter', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Who is calling, as the gateway established it. */
export type Principal =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly roles: readonly Role[];
      readonly scopes: readonly string[];
      readonly sessionId: string;
      readonly plan: string | null;
    };

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

export const anonymous: Principal = Object.freeze({ kind: 'anonymous' });

export function isUser(principal: Principal): principal is UserPrincipal {
  return principal.kind === 'user';
}

/** The signed-in user, or an UNAUTHENTICATED error. */
export function requireUser(principal: Principal): UserPrincipal {
  if (!isUser(principal)) throw unauthenticated();
  return principal;
}

export function hasRole(principal: Principal, role: Role): boolean {
  return isUser(principal) && principal.roles.includes(role);
}

/** The signed-in user holding one of `allowed`, or FORBIDDEN. */
export function requireRole(principal: Principal, ...allowed: Role[]): UserPrincipal {
  const user = requireUser(principal);
  if (!allowed.some((role) => user.roles.includes(role))) {
    throw forbidden(`This needs one of the roles: ${allowed.join(', ')}.`);
  }
  return user;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** Who sent the request, as the gateway established it: its user agent and IP (after trusted proxies). */
export interface RequestClient {
  readonly userAgent: string | null;
  readonly ip: string | null;
}

export const unknownRequestClient: RequestClient = Object.freeze({ userAgent: null, ip: null });

/** Principals of partner API keys carry `apikey:<key id>` where a person's carry a session id. */
export const apiKeySessionPrefix = 'apikey:';

export function isApiKeyPrincipal(principal: Principal): boolean {
  return isUser(principal) && principal.sessionId.startsWith(apiKeySessionPrefix);
}

/**
 * A person signed in with a session may do anything their roles allow; a partner API
 * key only what its scopes name. FORBIDDEN otherwise.
 */
export function requireScope(principal: Principal, scope: string): UserPrincipal {
  const user = requireUser(principal);
  if (isApiKeyPrincipal(user) && !user.scopes.includes(scope)) throw forbidden(`This API key lacks the scope ${scope}.`);
  return user;
}

/** Operations on the account itself (keys, passwords, sessions) need a person's session, never an API key. */
export function requireSession(principal: Principal): UserPrincipal {
  const user = requireUser(principal);
  if (isApiKeyPrincipal(user)) throw forbidden('An API key cannot do this; sign in.');
  return user;
}
