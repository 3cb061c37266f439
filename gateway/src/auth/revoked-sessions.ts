// Kit modules by path, not its index (see start-gateway.ts).
import { SessionRevoked, identitySessionTopic } from '@jobgraph/kit/contracts/identity-events';
import { ErrorCode } from '@jobgraph/kit/error-code';
import { CodedError } from '@jobgraph/kit/errors';
import { isEvent, parseCloudEvent } from '@jobgraph/kit/events/cloud-event';
import type { EventTransport, Subscription } from '@jobgraph/kit/events/transport';
import type { Logger } from '@jobgraph/kit/logger';
import type { AccessTokenVerifier } from './access-token-verifier.ts';

/**
 * Sessions identity has ended, remembered as long as an access token naming them could
 * still be valid (the access-token lifetime). Kept in memory: each gateway instance
 * reads the whole revocation topic on its own.
 */
export interface RevokedSessions {
  add(sessionId: string, revokedAt: Date): void;
  has(sessionId: string): boolean;
  readonly size: number;
}

export function createRevokedSessions(ttlSeconds: number, now: () => number = Date.now): RevokedSessions {
  const until = new Map<string, number>();
  const sweep = () => {
    const t = now();
    for (const [id, expiry] of until) if (expiry <= t) until.delete(id);
  };
  return {
    add(sessionId, revokedAt) {
      const expiry = revokedAt.getTime() + ttlSeconds * 1000;
      if (expiry <= now()) return;
      if (until.size > 10_000) sweep();
      until.set(sessionId, Math.max(expiry, until.get(sessionId) ?? 0));
    },
    has(sessionId) {
      const expiry = until.get(sessionId);
      if (expiry === undefined) return false;
      if (expiry > now()) return true;
      until.delete(sessionId);
      return false;
    },
    get size() {
      return until.size;
    },
  };
}

/**
 * Feeds the set from identity's SessionRevoked events. Each gateway instance uses a
 * consumer group of its own, so every instance hears every revocation.
 */
export async function followSessionRevocations(transport: EventTransport, revoked: RevokedSessions, logger: Logger, instanceId: string = crypto.randomUUID()): Promise<Subscription> {
  await transport.ensureTopics([identitySessionTopic]);
  return transport.subscribe({
    groupId: `jobgraph.gateway.revocations.${instanceId}`,
    topics: [identitySessionTopic],
    async handle(message) {
      const event = parseCloudEvent(message.value);
      if (!event || !isEvent(event, SessionRevoked)) return;
      revoked.add(event.data.sessionId, new Date(event.data.revokedAt));
      logger.debug({ sessionId: event.data.sessionId }, 'session revoked');
    },
  });
}

/** Refuses access tokens of sessions identity has ended, before their expiry. */
export function refusingRevokedSessions(verifier: AccessTokenVerifier, revoked: RevokedSessions): AccessTokenVerifier {
  return {
    async verify(token) {
      const principal = await verifier.verify(token);
      if (principal.kind === 'user' && revoked.has(principal.sessionId)) {
        throw new CodedError(ErrorCode.UNAUTHENTICATED, 'This session has ended. Sign in again.', { reason: 'SESSION_REVOKED' });
      }
      return principal;
    },
  };
}
