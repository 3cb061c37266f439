import type { Kysely } from 'kysely';
import { AuthEventRecorded, appendToOutbox, pendingEvent } from '@jobgraph/kit';
import type { Database } from '../db/types.ts';
import type { ClientInfo } from './client-info.ts';

export interface AuthLogEntry {
  readonly userId: string | null;
  readonly event: string;
  readonly client: ClientInfo;
  readonly provider?: string | null;
}

/**
 * Writes a line of the auth log (with the coarse network and user agent, for the user and
 * admins) and announces it (without them: events carry neither addresses nor IPs).
 */
export async function recordAuthEvent(trx: Kysely<Database>, entry: AuthLogEntry): Promise<void> {
  const row = await trx
    .insertInto('auth_events')
    .values({ user_id: entry.userId, event: entry.event, user_agent: entry.client.userAgent, ip_coarse: entry.client.ipNetwork, provider: entry.provider ?? null })
    .returning(['id', 'occurred_at'])
    .executeTakeFirstOrThrow();
  await appendToOutbox(trx, [
    pendingEvent(AuthEventRecorded, row.id, { authEventId: row.id, userId: entry.userId, event: entry.event, provider: entry.provider ?? null, occurredAt: row.occurred_at.toISOString() }),
  ]);
}
