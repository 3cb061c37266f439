import type { GrantedTokens } from '../external/oauth-provider.ts';
import type { TokenKeyRing } from '../tokens/token-key-ring.ts';

/** The sealed-token columns of `external_accounts` and `integration_accounts`. */
export interface SealedTokenColumns {
  readonly access_token_encrypted: Buffer;
  readonly refresh_token_encrypted: Buffer | null;
  readonly token_key_id: string;
  readonly expires_at: Date | null;
}

export interface OpenedTokens {
  readonly accessToken: string;
  readonly refreshToken: string | null;
}

/**
 * Seals both tokens under the ring's current key. `context` names the row by its unique
 * key (e.g. `integration_accounts:<user id>:gmail`): a ciphertext moved to another row
 * does not open.
 */
export function sealTokens(ring: TokenKeyRing, granted: Pick<GrantedTokens, 'accessToken' | 'refreshToken' | 'expiresAt'>, context: string): SealedTokenColumns {
  const access = ring.seal(granted.accessToken, `${context}:access`);
  const refresh = granted.refreshToken === null ? null : ring.seal(granted.refreshToken, `${context}:refresh`);
  return { access_token_encrypted: access.sealed, refresh_token_encrypted: refresh?.sealed ?? null, token_key_id: access.keyId, expires_at: granted.expiresAt };
}

/** Opens both tokens with the key whose id is stored beside them. */
export function openTokens(ring: TokenKeyRing, row: Omit<SealedTokenColumns, 'expires_at'>, context: string): OpenedTokens {
  return {
    accessToken: ring.open({ keyId: row.token_key_id, sealed: row.access_token_encrypted }, `${context}:access`),
    refreshToken: row.refresh_token_encrypted === null ? null : ring.open({ keyId: row.token_key_id, sealed: row.refresh_token_encrypted }, `${context}:refresh`),
  };
}

export const externalAccountContext = (provider: string, providerUserId: string) => `external_accounts:${provider}:${providerUserId}`;
export const integrationContext = (userId: string, kind: string) => `integration_accounts:${userId}:${kind}`;
