import { isUser } from '@jobgraph/kit';
import type { AuthEventResolvers, SessionResolvers } from '../generated/resolvers.ts';

export const Session: SessionResolvers = {
  createdAt: (session) => session.created_at,
  lastUsedAt: (session) => session.last_used_at,
  expiresAt: (session) => session.expires_at,
  userAgent: (session) => session.user_agent,
  ipNetwork: (session) => session.ip_coarse,
  current: (session, _args, { principal }) => isUser(principal) && principal.sessionId === session.id,
};

export const AuthEvent: AuthEventResolvers = {
  occurredAt: (event) => event.occurred_at,
  userAgent: (event) => event.user_agent,
  ipNetwork: (event) => event.ip_coarse,
};
