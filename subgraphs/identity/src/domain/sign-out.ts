import type { IdentityDeps } from './deps.ts';

/** Revokes the session; its refresh tokens stop working at once, its access tokens at expiry. */
export async function signOut(deps: IdentityDeps, userId: string, sessionId: string): Promise<boolean> {
  const result = await deps.db
    .updateTable('sessions')
    .set({ revoked_at: new Date(), revoked_reason: 'signed_out' })
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows > 0n) {
    await deps.db.insertInto('auth_events').values({ user_id: userId, event: 'sign_out', user_agent: null }).execute();
  }
  return true;
}
