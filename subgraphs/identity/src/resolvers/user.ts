import { hasRole, isUser } from '@jobgraph/kit';
import type { DbRole } from '../db/types.ts';
import type { Role, UserResolvers } from '../generated/resolvers.ts';
import { isProvenOwner } from './own-account.ts';

export const toRole = (role: DbRole): Role => role.toUpperCase() as Role;

export const User: UserResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.userById.load(reference.id),
  email: (user, _args, { principal }) =>
    isProvenOwner(user) || (isUser(principal) && principal.userId === user.id) || hasRole(principal, 'admin') ? user.email : null,
  displayName: (user) => user.display_name,
  roles: (user) => user.roles.map(toRole),
  emailVerified: (user) => user.email_verified_at !== null,
  createdAt: (user) => user.created_at,
};
