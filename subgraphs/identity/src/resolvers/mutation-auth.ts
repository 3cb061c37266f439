import { requireUser } from '@jobgraph/kit';
import type { IdentityDeps } from '../domain/deps.ts';
import { eraseAccount } from '../domain/erase-account.ts';
import { refreshSession } from '../domain/refresh-session.ts';
import { signIn } from '../domain/sign-in.ts';
import { signOut } from '../domain/sign-out.ts';
import { signUp } from '../domain/sign-up.ts';
import type { MutationResolvers, SignUpRole } from '../generated/resolvers.ts';
import { authPayload } from './auth-payload.ts';

const fromSignUpRole = (role: SignUpRole) => role.toLowerCase() as 'candidate' | 'employer' | 'recruiter';

export function authMutations(deps: IdentityDeps): MutationResolvers {
  return {
    signUp: async (_parent, { input }) =>
      authPayload(await signUp(deps, { email: input.email, password: input.password, displayName: input.displayName, role: fromSignUpRole(input.role ?? 'CANDIDATE'), userAgent: null })),
    signIn: async (_parent, { input }) => authPayload(await signIn(deps, { email: input.email, password: input.password, userAgent: null })),
    refreshSession: async (_parent, { input }) => authPayload(await refreshSession(deps, input.refreshToken, null)),
    signOut: async (_parent, _args, { principal }) => {
      const user = requireUser(principal);
      return { signedOut: await signOut(deps, user.userId, user.sessionId), errors: [] };
    },
    eraseMyAccount: async (_parent, { input }, { principal }) => {
      const user = requireUser(principal);
      const outcome = await eraseAccount(deps, user.userId, input.password);
      return outcome.ok ? { erasedAt: outcome.value.erasedAt, errors: [] } : { erasedAt: null, errors: outcome.errors.map((e) => ({ ...e, field: [...e.field] })) };
    },
  };
}
