import { requireRole } from '@jobgraph/kit';
import { changeRole, reinstateUser, suspendUser } from '../domain/admin-users.ts';
import type { IdentityDeps } from '../domain/deps.ts';
import type { DbRole } from '../db/types.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { clientInfo } from './client.ts';
import { userPayload } from './payloads.ts';

/** Admins manage accounts: suspend, reinstate, grant and revoke roles. Anyone else: FORBIDDEN. */
export function adminMutations(deps: IdentityDeps): MutationResolvers {
  return {
    suspendUser: async (_parent, { input }, { principal, client }) =>
      userPayload(await suspendUser(deps, requireRole(principal, 'admin').userId, input.userId, input.reason, clientInfo(client))),
    reinstateUser: async (_parent, { input }, { principal, client }) => userPayload(await reinstateUser(deps, requireRole(principal, 'admin').userId, input.userId, clientInfo(client))),
    grantRole: async (_parent, { input }, { principal }) =>
      userPayload(await changeRole(deps, requireRole(principal, 'admin').userId, input.userId, input.role.toLowerCase() as DbRole, 'grant')),
    revokeRole: async (_parent, { input }, { principal }) =>
      userPayload(await changeRole(deps, requireRole(principal, 'admin').userId, input.userId, input.role.toLowerCase() as DbRole, 'revoke')),
  };
}
