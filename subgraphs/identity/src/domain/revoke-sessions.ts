import type { Kysely } from 'kysely';
import { SessionRevoked, appendToOutbox, pendingEvent, type SessionRevokedData } from '@jobgraph/kit';
import type { Database } from '../db/types.ts';

export type RevocationReason = SessionRevokedData['reason'];

export type SessionSelection =
  | { readonly kind: 'one'; readonly sessionId: string }
  | { readonly kind: 'all' }
  | { readonly kind: 'all-but'; readonly sessionId: string };

/**
 * Ends live sessions of a user and announces each one, so the gateway refuses their
 * access tokens at once instead of at expiry. Returns the ids ended.
 */
export async function revokeSessions(trx: Kysely<Database>, userId: string, selection: SessionSelection, reason: RevocationReason): Promise<string[]> {
  const revokedAt = new Date();
  let query = trx
    .updateTable('sessions')
    .set({ revoked_at: revokedAt, revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (selection.kind === 'one') query = query.where('id', '=', selection.sessionId);
  if (selection.kind === 'all-but') query = query.where('id', '!=', selection.sessionId);
  const rows = await query.returning('id').execute();
  if (rows.length > 0) {
    await appendToOutbox(
      trx,
      rows.map((row) => pendingEvent(SessionRevoked, row.id, { sessionId: row.id, userId, reason, revokedAt: revokedAt.toISOString() })),
    );
  }
  return rows.map((row) => row.id);
}
