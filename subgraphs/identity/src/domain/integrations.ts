import { IntegrationConnected, IntegrationDisconnected, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { IntegrationAccount } from '../db/types.ts';
import { integrationAuthorization, type IntegrationKind } from '../external/catalog.ts';
import type { IdentityDeps } from './deps.ts';
import { completeAuthorization, startAuthorization, type StartedAuthorization } from './external-authorization.ts';
import { externalAccountContext, integrationContext, openTokens, sealTokens, type OpenedTokens } from './provider-tokens.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const connectTarget = (kind: IntegrationKind, userId: string) => ({ purpose: 'connect' as const, target: kind, userId, authorization: integrationAuthorization[kind] });
const notFound = () => fail(userError('NOT_FOUND', 'You have no integration with this id.', ['input', 'integrationId']));

export const startIntegrationConnect = (deps: IdentityDeps, userId: string, kind: IntegrationKind, redirectUri: string): Promise<Outcome<StartedAuthorization>> =>
  startAuthorization(deps, connectTarget(kind, userId), redirectUri);

/**
 * Connects a third-party account (ID-09): its granted scopes and expiry are kept, its tokens
 * sealed under the current key. Connecting a kind again replaces the tokens.
 */
export async function completeIntegrationConnect(deps: IdentityDeps, userId: string, kind: IntegrationKind, code: string, state: string): Promise<Outcome<IntegrationAccount>> {
  const completed = await completeAuthorization(deps, connectTarget(kind, userId), code, state);
  if (!completed.ok) return completed;
  const { granted, scopes, profile } = completed.value;
  return deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('integration_accounts').select('id').where('user_id', '=', userId).where('kind', '=', kind).forUpdate().executeTakeFirst();
    const values = { ...sealTokens(deps.tokenKeys, granted, integrationContext(userId, kind)), scopes: [...scopes], external_user_id: profile?.subject.slice(0, 255) ?? null, updated_at: new Date() };
    const account = await trx
      .insertInto('integration_accounts')
      .values({ user_id: userId, kind, ...values })
      .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToOutbox(trx, [
      pendingEvent(IntegrationConnected, userId, {
        userId,
        integrationId: account.id,
        kind,
        scopes: account.scopes,
        expiresAt: account.expires_at?.toISOString() ?? null,
        reconnected: before !== undefined,
        connectedAt: account.updated_at.toISOString(),
      }),
    ]);
    return succeed(account);
  });
}

/** Disconnects and deletes the tokens for good. Another user's integration id answers NOT_FOUND. */
export async function disconnectIntegration(deps: IdentityDeps, userId: string, integrationId: string): Promise<Outcome<true>> {
  if (!uuid.test(integrationId)) return notFound();
  return deps.db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('integration_accounts').where('id', '=', integrationId).where('user_id', '=', userId).returning(['id', 'kind']).executeTakeFirst();
    if (!gone) return notFound();
    await appendToOutbox(trx, [pendingEvent(IntegrationDisconnected, userId, { userId, integrationId: gone.id, kind: gone.kind, disconnectedAt: new Date().toISOString() })]);
    return succeed(true as const);
  });
}

/** The integration's tokens, for the code that acts on the user's behalf (mail import, calendar sync). */
export async function integrationTokens(deps: Pick<IdentityDeps, 'db' | 'tokenKeys'>, userId: string, integrationId: string): Promise<OpenedTokens | null> {
  if (!uuid.test(integrationId)) return null;
  const row = await deps.db.selectFrom('integration_accounts').selectAll().where('id', '=', integrationId).where('user_id', '=', userId).executeTakeFirst();
  return row ? openTokens(deps.tokenKeys, row, integrationContext(row.user_id, row.kind)) : null;
}

/**
 * Moves up to `limit` rows sealed under an older key to the current one (after a rotation,
 * a little at a time); answers how many moved. Rows nobody rewraps still open with their key.
 */
export async function rewrapStaleTokens(deps: Pick<IdentityDeps, 'db' | 'tokenKeys'>, limit: number): Promise<number> {
  const ring = deps.tokenKeys;
  let moved = 0;
  await deps.db.transaction().execute(async (trx) => {
    const integrations = await trx.selectFrom('integration_accounts').selectAll().where('token_key_id', '!=', ring.currentKeyId).limit(limit).forUpdate().skipLocked().execute();
    for (const row of integrations) {
      const context = integrationContext(row.user_id, row.kind);
      const sealed = sealTokens(ring, { ...openTokens(ring, row, context), expiresAt: row.expires_at }, context);
      await trx.updateTable('integration_accounts').set(sealed).where('id', '=', row.id).execute();
      moved += 1;
    }
    const accounts = await trx.selectFrom('external_accounts').selectAll().where('token_key_id', '!=', ring.currentKeyId).limit(Math.max(0, limit - moved)).forUpdate().skipLocked().execute();
    for (const row of accounts) {
      const context = externalAccountContext(row.provider, row.provider_user_id);
      const sealed = sealTokens(ring, { ...openTokens(ring, row, context), expiresAt: row.expires_at }, context);
      await trx.updateTable('external_accounts').set(sealed).where('id', '=', row.id).execute();
      moved += 1;
    }
  });
  return moved;
}

/** Rewraps batch after batch until no row is left under an older key, or `stopped()` says so. */
export async function rewrapUntilCurrent(deps: Pick<IdentityDeps, 'db' | 'tokenKeys'>, stopped: () => boolean, batch = 200): Promise<number> {
  let total = 0;
  for (let moved = batch; moved === batch && !stopped(); total += moved) moved = await rewrapStaleTokens(deps, batch);
  return total;
}
