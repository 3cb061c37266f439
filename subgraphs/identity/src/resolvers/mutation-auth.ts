import { requireUser } from '@jobgraph/kit';
import type { IdentityDeps } from '../domain/deps.ts';
import { eraseAccount } from '../domain/erase-account.ts';
import { refreshSession } from '../domain/refresh-session.ts';
import { signIn } from '../domain/sign-in.ts';
import { signOut } from '../domain/sign-out.ts';
import { signUp } from '../domain/sign-up.ts';
import type { MutationResolvers, SignUpRole } from '../generated/resolvers.ts';
import { authPayload } from './auth-payload.ts';
import { clientInfo } from './client.ts';

const fromSignUpRole = (role: SignUpRole) => role.toLowerCase() as 'candidate' | 'employer' | 'recruiter';

export function authMutations(deps: IdentityDeps): MutationResolvers {
  return {
    signUp: async (_parent, { input }, { client }) =>
      authPayload(await signUp(deps, { email: input.email, password: input.password, displayName: input.displayName, role: fromSignUpRole(input.role ?? 'CANDIDATE'), client: clientInfo(client) })),
    signIn: async (_parent, { input }, { client }) => authPayload(await signIn(deps, { email: input.email, password: input.password, client: clientInfo(client) })),
    refreshSession: async (_parent, { input }, { client }) => authPayload(await refreshSession(deps, input.refreshToken, clientInfo(client))),
    signOut: async (_parent, _args, { principal, client }) => {
      const user = requireUser(principal);
      return { signedOut: await signOut(deps, user.userId, user.sessionId, clientInfo(client)), errors: [] };
    },
    eraseMyAccount: async (_parent, { input }, { principal }) => {
      const user = requireUser(principal);
      const outcome = await eraseAccount(deps, user.userId, input.password);
      return outcome.ok ? { erasedAt: outcome.value.erasedAt, errors: [] } : { erasedAt: null, errors: outcome.errors.map((e) => ({ ...e, field: [...e.field] })) };
    },
  };
}
