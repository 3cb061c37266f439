import { createHash, randomBytes } from 'node:crypto';
import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { ApiKey, DbRole } from '../db/types.ts';
import { recordAuthEvent } from './auth-log.ts';
import type { ClientInfo } from './client-info.ts';
import type { IdentityDeps } from './deps.ts';

/** What a partner key may be allowed; each subgraph checks the scope its operations need. */
export const apiKeyScopes = ['profile:read', 'jobs:read', 'jobs:write', 'applications:read', 'applications:write'] as const;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

export interface CreateApiKeyCommand {
  readonly name: string;
  readonly scopes: readonly string[];
  readonly expiresAt: Date | null;
}

/** `jg_` + 8 visible characters + `_` + 256 random bits: the first 11 characters are the prefix a list shows. */
function newSecret(): { secret: string; prefix: string } {
  const visible = randomBytes(6).toString('base64url');
  return { secret: `jg_${visible}_${randomBytes(32).toString('base64url')}`, prefix: `jg_${visible}` };
}

/** Creates a key; the secret is in the answer once and never again (AR-01). */
export async function createApiKey(deps: IdentityDeps, userId: string, command: CreateApiKeyCommand, client: ClientInfo): Promise<Outcome<{ key: ApiKey; secret: string }>> {
  const name = command.name.normalize('NFC').trim();
  const errors = [];
  if (name.length === 0 || name.length > 100 || /\p{Cc}/u.test(name)) errors.push(userError('INVALID_NAME', 'Name the key in 1 to 100 visible characters.', ['input', 'name']));
  const scopes = [...new Set(command.scopes)];
  if (scopes.length === 0 || scopes.some((scope) => !(apiKeyScopes as readonly string[]).includes(scope))) {
    errors.push(userError('INVALID_SCOPES', `Choose at least one of: ${apiKeyScopes.join(', ')}.`, ['input', 'scopes']));
  }
  if (command.expiresAt && command.expiresAt.getTime() <= Date.now() + 60_000) errors.push(userError('INVALID_EXPIRY', 'The expiry must be in the future.', ['input', 'expiresAt']));
  if (errors.length > 0) return fail(...errors);
  const { secret, prefix } = newSecret();
  return deps.db.transaction().execute(async (trx) => {
    const key = await trx.insertInto('api_keys').values({ user_id: userId, name, prefix, secret_hash: hashSecret(secret), scopes, expires_at: command.expiresAt }).returningAll().executeTakeFirstOrThrow();
    await recordAuthEvent(trx, { userId, event: 'api_key_created', client });
    return succeed({ key, secret });
  });
}

export async function revokeApiKey(deps: IdentityDeps, userId: string, keyId: string, client: ClientInfo): Promise<Outcome<true>> {
  if (!uuid.test(keyId)) return fail(userError('NOT_FOUND', 'You have no live key with this id.', ['input', 'apiKeyId']));
  return deps.db.transaction().execute(async (trx) => {
    const revoked = await trx.updateTable('api_keys').set({ revoked_at: new Date(), updated_at: new Date() }).where('id', '=', keyId).where('user_id', '=', userId).where('revoked_at', 'is', null).returning('id').executeTakeFirst();
    if (!revoked) return fail(userError('NOT_FOUND', 'You have no live key with this id.', ['input', 'apiKeyId']));
    await recordAuthEvent(trx, { userId, event: 'api_key_revoked', client });
    return succeed(true as const);
  });
}

export interface ApiKeyPrincipal {
  readonly userId: string;
  readonly roles: readonly DbRole[];
  readonly scopes: readonly string[];
  readonly apiKeyId: string;
}

/** The principal a live key stands for, or null for an unknown, revoked or expired key, or a closed account. */
export async function resolveApiKey(deps: IdentityDeps, secret: string): Promise<ApiKeyPrincipal | null> {
  if (secret.length < 20 || secret.length > 200) return null;
  const row = await deps.db
    .updateTable('api_keys')
    .set({ last_used_at: new Date() })
    .from('users')
    .whereRef('users.id', '=', 'api_keys.user_id')
    .where('api_keys.secret_hash', '=', hashSecret(secret))
    .where('api_keys.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_keys.expires_at', 'is', null), eb('api_keys.expires_at', '>', new Date())]))
    .where('users.deleted_at', 'is', null)
    .where('users.status', '=', 'active')
    .returning(['api_keys.id', 'api_keys.user_id', 'api_keys.scopes', 'users.roles'])
    .executeTakeFirst();
  return row ? { userId: row.user_id, roles: row.roles, scopes: row.scopes, apiKeyId: row.id } : null;
}
