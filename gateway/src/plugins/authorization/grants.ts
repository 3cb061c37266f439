import { isApiKeyPrincipal, type Principal } from '@jobgraph/kit/principal';

/** What a caller may do, in the scopes `@requiresScopes` names. */
export interface Grant {
  readonly signedIn: boolean;
  has(scope: string): boolean;
}

/** Scopes in this namespace are held through a role: `role:admin` by an admin's session. */
export const roleScopePrefix = 'role:';

/** Held by every caller, anonymous visitors too: the job board is open to all. */
export const openScopes: ReadonlySet<string> = new Set(['jobs:read']);

/**
 * The mapping from who called to the scopes they hold:
 * - anonymous: the open scopes only (`jobs:read`: browsing jobs and companies);
 * - a partner API key: exactly the scopes it was created with (`jobs:read`, …), never a
 *   `role:` scope, whatever its owner's roles (admin powers do not ride on a key);
 * - a person's session: `role:<role>` for each of their roles, and every scope outside
 *   the `role:` namespace (a person may do all their roles allow, as the subgraphs'
 *   `requireScope` has it).
 */
export function grantOf(principal: Principal, apiKeyId: string | null): Grant {
  if (principal.kind === 'anonymous') return { signedIn: false, has: (scope) => openScopes.has(scope) };
  const scopes = new Set(principal.scopes);
  if (apiKeyId !== null || isApiKeyPrincipal(principal)) return { signedIn: true, has: (scope) => !scope.startsWith(roleScopePrefix) && scopes.has(scope) };
  const roles = new Set<string>(principal.roles);
  return { signedIn: true, has: (scope) => (scope.startsWith(roleScopePrefix) ? roles.has(scope.slice(roleScopePrefix.length)) : true) };
}
