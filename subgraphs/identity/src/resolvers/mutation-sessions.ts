import { requireUser } from '@jobgraph/kit';
import { fail, succeed, userError } from '@jobgraph/kit';
import type { IdentityDeps } from '../domain/deps.ts';
import { endSessions } from '../domain/sign-out.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { clientInfo } from './client.ts';
import { donePayload } from './payloads.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user's own sessions: end one, or all (ID-05). Another user's session id answers NOT_FOUND. */
export function sessionMutations(deps: IdentityDeps): MutationResolvers {
  return {
    revokeSession: async (_parent, { input }, { principal, client }) => {
      const user = requireUser(principal);
      const ended = uuid.test(input.sessionId) ? await endSessions(deps, user.userId, { kind: 'one', sessionId: input.sessionId }, 'session_revoked', clientInfo(client)) : 0;
      return donePayload(ended > 0 ? succeed(true) : fail(userError('NOT_FOUND', 'You have no live session with this id.', ['input', 'sessionId'])));
    },
    signOutEverywhere: async (_parent, _args, { principal, client }) => {
      const user = requireUser(principal);
      return { revokedSessions: await endSessions(deps, user.userId, { kind: 'all' }, 'signed_out_everywhere', clientInfo(client)), errors: [] };
    },
  };
}
