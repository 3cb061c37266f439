import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import { recordAuthEvent } from './auth-log.ts';
import type { ClientInfo } from './client-info.ts';
import type { IdentityDeps } from './deps.ts';
import { revokeSessions } from './revoke-sessions.ts';
import { hashOpaqueToken } from './opaque-token.ts';
import { issueSessionTokens } from './session-tokens.ts';
import type { SignedIn } from './sign-up.ts';

const field = ['input', 'refreshToken'];

/**
 * Rotates a refresh token. A token already traded in means someone holds a copy: the
 * whole session is revoked, so neither the thief nor the owner can go on with it.
 */
export async function refreshSession(deps: IdentityDeps, refreshToken: string, client: ClientInfo): Promise<Outcome<SignedIn>> {
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('refresh_tokens')
      .innerJoin('sessions', 'sessions.id', 'refresh_tokens.session_id')
      .select(['refresh_tokens.id as tokenId', 'refresh_tokens.rotated_at', 'refresh_tokens.expires_at', 'sessions.id as sessionId', 'sessions.user_id', 'sessions.revoked_at', 'sessions.expires_at as sessionExpiresAt'])
      .where('refresh_tokens.token_hash', '=', hashOpaqueToken(refreshToken))
      .forUpdate()
      .executeTakeFirst();
    if (!row) return fail(userError('INVALID_REFRESH_TOKEN', 'This refresh token is not valid. Sign in again.', field));
    if (row.revoked_at) return fail(userError('INVALID_REFRESH_TOKEN', 'This session has ended. Sign in again.', field));
    if (row.rotated_at) {
      await revokeSessions(trx, row.user_id, { kind: 'one', sessionId: row.sessionId }, 'refresh_token_reused');
      await recordAuthEvent(trx, { userId: row.user_id, event: 'refresh_token_reused', client });
      return { reused: true as const };
    }
    if (row.expires_at.getTime() <= Date.now()) return fail(userError('SESSION_EXPIRED', 'This session has expired. Sign in again.', field));
    const user = await trx.selectFrom('users').selectAll().where('id', '=', row.user_id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!user) return fail(userError('INVALID_REFRESH_TOKEN', 'This account no longer exists.', field));
    if (user.status !== 'active') return fail(userError('INVALID_REFRESH_TOKEN', 'This account is closed. Sign in again.', field));
    await trx.updateTable('refresh_tokens').set({ rotated_at: new Date() }).where('id', '=', row.tokenId).execute();
    await trx.updateTable('sessions').set({ last_used_at: new Date() }).where('id', '=', row.sessionId).execute();
    const tokens = await issueSessionTokens(deps, trx, user, row.sessionId, row.sessionExpiresAt);
    return succeed({ user, tokens });
  });
  // The revocation above must commit, so the reuse answer is given outside the transaction.
  if ('reused' in outcome) {
    return fail(userError('REFRESH_TOKEN_REUSED', 'This refresh token was used already; the session has been ended for safety. Sign in again.', field));
  }
  return outcome;
}
