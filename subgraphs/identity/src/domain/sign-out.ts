import type { ClientInfo } from './client-info.ts';
import type { IdentityDeps } from './deps.ts';
import { recordAuthEvent } from './auth-log.ts';
import { revokeSessions, type SessionSelection } from './revoke-sessions.ts';

/** Ends the session; its refresh tokens stop at once, and the gateway refuses its access tokens within seconds. */
export async function signOut(deps: IdentityDeps, userId: string, sessionId: string, client: ClientInfo): Promise<boolean> {
  await endSessions(deps, userId, { kind: 'one', sessionId }, 'sign_out', client);
  return true;
}

/** Ends some of the user's own sessions; how many ended. */
export async function endSessions(deps: IdentityDeps, userId: string, selection: SessionSelection, event: 'sign_out' | 'session_revoked' | 'signed_out_everywhere', client: ClientInfo): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const reason = event === 'sign_out' ? 'signed_out' : event === 'session_revoked' ? 'revoked' : 'signed_out_everywhere';
    const ended = await revokeSessions(trx, userId, selection, reason);
    if (ended.length > 0) await recordAuthEvent(trx, { userId, event, client });
    return ended.length;
  });
}
