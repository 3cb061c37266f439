import type { Kysely } from 'kysely';
import type { Database, User } from '../db/types.ts';
import { planOf } from '../events/handlers.ts';
import { issueAccessToken } from '../tokens/access-token.ts';
import type { ClientInfo } from './client-info.ts';
import type { IdentityDeps } from './deps.ts';
import { generateOpaqueToken, hashOpaqueToken } from './opaque-token.ts';

export interface SessionTokens {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: Date;
  readonly tokenType: 'Bearer';
}

/** Stores a new refresh token for the session (hashed) and signs an access token beside it. */
export async function issueSessionTokens(deps: IdentityDeps, trx: Kysely<Database>, user: User, sessionId: string, sessionExpiresAt: Date): Promise<SessionTokens> {
  const refreshToken = generateOpaqueToken();
  await trx
    .insertInto('refresh_tokens')
    .values({ session_id: sessionId, token_hash: hashOpaqueToken(refreshToken), expires_at: sessionExpiresAt })
    .execute();
  const plan = await planOf(trx, user.id);
  const access = await issueAccessToken(deps.keys, { userId: user.id, roles: user.roles, sessionId, scopes: [], plan }, deps.config.ACCESS_TOKEN_TTL_SECONDS);
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshTokenExpiresAt: sessionExpiresAt, tokenType: 'Bearer' };
}

/** Opens a session for a user who just proved who they are. */
export async function openSession(deps: IdentityDeps, trx: Kysely<Database>, user: User, client: ClientInfo): Promise<SessionTokens> {
  const expiresAt = new Date(Date.now() + deps.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
  const session = await trx.insertInto('sessions').values({ user_id: user.id, user_agent: client.userAgent, ip_coarse: client.ipNetwork, expires_at: expiresAt }).returning('id').executeTakeFirstOrThrow();
  return issueSessionTokens(deps, trx, user, session.id, expiresAt);
}
