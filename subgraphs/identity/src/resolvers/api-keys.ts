import { requireSession } from '@jobgraph/kit';
import { createApiKey, revokeApiKey } from '../domain/api-keys.ts';
import type { IdentityDeps } from '../domain/deps.ts';
import type { ApiKeyResolvers, MutationResolvers } from '../generated/resolvers.ts';
import { clientInfo } from './client.ts';
import { donePayload } from './payloads.ts';

export const ApiKey: ApiKeyResolvers = {
  expiresAt: (key) => key.expires_at,
  lastUsedAt: (key) => key.last_used_at,
  revokedAt: (key) => key.revoked_at,
  createdAt: (key) => key.created_at,
};

/** Partner API keys (AR-01): made and revoked by a signed-in person, never by another key. */
export function apiKeyMutations(deps: IdentityDeps): MutationResolvers {
  return {
    createApiKey: async (_parent, { input }, { principal, client }) => {
      const user = requireSession(principal);
      const outcome = await createApiKey(deps, user.userId, { name: input.name, scopes: input.scopes, expiresAt: input.expiresAt ?? null }, clientInfo(client));
      return outcome.ok ? { apiKey: outcome.value.key, secret: outcome.value.secret, errors: [] } : { apiKey: null, secret: null, errors: donePayload(outcome).errors };
    },
    revokeApiKey: async (_parent, { input }, { principal, client }) => donePayload(await revokeApiKey(deps, requireSession(principal).userId, input.apiKeyId, clientInfo(client))),
  };
}
