import { isUser, requireUser, type Outcome, type Principal } from '@jobgraph/kit';
import type { User } from '../db/types.ts';
import type { IdentityDeps } from '../domain/deps.ts';
import { confirmEmailChange, requestEmailVerification, verifyEmail } from '../domain/email-verification.ts';
import { changePassword, requestEmailChange, requestPasswordReset, resetPassword } from '../domain/passwords.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { clientInfo } from './client.ts';
import { markProvenOwner } from './own-account.ts';
import { donePayload, userPayload } from './payloads.ts';

/** Whoever holds the mailed token has read mail at the address: they see the account as its owner. */
const asOwner = (outcome: Outcome<User>) => (outcome.ok ? { ...outcome, value: markProvenOwner(outcome.value) } : outcome);

/** A link may be followed signed out; signed in, only the caller's own tokens count. */
const callerOf = (principal: Principal) => (isUser(principal) ? principal.userId : null);

/** Verification, reset, change of password and of address: the flows that go by mail (ID-06, ID-07). */
export function mailMutations(deps: IdentityDeps): MutationResolvers {
  return {
    requestEmailVerification: async (_parent, _args, { principal }) => donePayload(await requestEmailVerification(deps, requireUser(principal).userId)),
    verifyEmail: async (_parent, { input }, { principal, client }) => userPayload(asOwner(await verifyEmail(deps, input.token, callerOf(principal), clientInfo(client)))),
    requestPasswordReset: async (_parent, { input }, { client }) => donePayload(await requestPasswordReset(deps, input.email, clientInfo(client))),
    resetPassword: async (_parent, { input }, { principal, client }) => donePayload(await resetPassword(deps, input.token, input.newPassword, callerOf(principal), clientInfo(client))),
    changePassword: async (_parent, { input }, { principal, client }) => {
      const user = requireUser(principal);
      return donePayload(await changePassword(deps, user.userId, user.sessionId, input.currentPassword, input.newPassword, clientInfo(client)));
    },
    requestEmailChange: async (_parent, { input }, { principal }) => donePayload(await requestEmailChange(deps, requireUser(principal).userId, input.newEmail, input.password)),
    confirmEmailChange: async (_parent, { input }, { principal, client }) => userPayload(asOwner(await confirmEmailChange(deps, input.token, callerOf(principal), clientInfo(client)))),
  };
}
