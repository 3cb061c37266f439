import type { IdentityDeps } from '../domain/deps.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { ApiKey, apiKeyMutations } from './api-keys.ts';
import { accountMutations } from './mutation-account.ts';
import { IntegrationAccount, LinkedProvider, externalMutations } from './external.ts';
import { adminMutations } from './mutation-admin.ts';
import { authMutations } from './mutation-auth.ts';
import { mailMutations } from './mutation-mail.ts';
import { sessionMutations } from './mutation-sessions.ts';
import { users } from './query-users.ts';
import { viewer } from './query-viewer.ts';
import { AuthEvent, Session } from './session.ts';
import { User } from './user.ts';

export function createResolvers(deps: IdentityDeps): Resolvers {
  return {
    Query: { viewer, users },
    Mutation: { ...authMutations(deps), ...accountMutations(deps), ...adminMutations(deps), ...sessionMutations(deps), ...mailMutations(deps), ...apiKeyMutations(deps), ...externalMutations(deps) },
    User,
    Session,
    AuthEvent,
    ApiKey,
    LinkedProvider,
    IntegrationAccount,
  };
}
