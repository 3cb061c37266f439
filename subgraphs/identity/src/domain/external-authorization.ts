import { randomUUID } from 'node:crypto';
import { generateCodeVerifier, generateState } from 'arctic';
import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { OAuthPurpose } from '../db/types.ts';
import type { Authorization } from '../external/catalog.ts';
import type { OAuthProvider, GrantedTokens } from '../external/oauth-provider.ts';
import type { ExternalProfile } from '../external/profiles.ts';
import { ProviderRefusal, ProviderUnavailable } from '../external/provider-errors.ts';
import type { IdentityDeps } from './deps.ts';
import { hashOpaqueToken } from './opaque-token.ts';

/** Which flow a state belongs to: a sign-in (anyone), a link or a connect (a signed-in user). */
export interface AuthorizationTarget {
  readonly purpose: OAuthPurpose;
  /** The sign-in provider (sign_in, link) or the integration kind (connect). */
  readonly target: string;
  readonly userId: string | null;
  readonly authorization: Authorization;
}

export interface StartedAuthorization {
  readonly authorizationUrl: string;
  readonly expiresAt: Date;
}

/** What came back from the provider for a state this server issued. */
export interface CompletedAuthorization {
  readonly provider: OAuthProvider;
  readonly granted: GrantedTokens;
  /** What the tokens allow: the provider's word, else what was asked. */
  readonly scopes: readonly string[];
  /** Null when the server has no profile endpoint (an ATS may not). */
  readonly profile: ExternalProfile | null;
}

const notConfigured = () => fail(userError('PROVIDER_NOT_CONFIGURED', 'This provider is not set up on this server.', ['input']));
const invalidState = () => fail(userError('INVALID_STATE', 'This sign-in link is not valid. Start again.', ['input', 'state']));

/** A provider may send the browser back only to an origin of the app (no fragment, http(s)). */
export function redirectAllowed(deps: Pick<IdentityDeps, 'config'>, redirectUri: string): boolean {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return false;
  }
  if (redirectUri.length > 2000 || url.hash !== '' || url.username !== '' || url.password !== '' || !['https:', 'http:'].includes(url.protocol)) return false;
  const listed = deps.config.OAUTH_REDIRECT_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean);
  const origins = listed.length > 0 ? listed : [new URL(deps.config.APP_URL).origin];
  return origins.some((origin) => new URL(origin).origin === url.origin);
}

function providerFor(deps: IdentityDeps, target: AuthorizationTarget): OAuthProvider | null {
  return deps.oauth.get(target.authorization.server) ?? null;
}

const scopesOf = (provider: OAuthProvider, target: AuthorizationTarget) => [...new Set([...target.authorization.scopes, ...provider.config.scopes])];

/**
 * Begins the authorization-code flow: a random state (stored as its hash, expiring, used
 * once) and a PKCE verifier (sealed under the token key ring) stay on this server; the
 * browser gets the provider's URL with the state and the S256 challenge.
 */
export async function startAuthorization(deps: IdentityDeps, target: AuthorizationTarget, redirectUri: string): Promise<Outcome<StartedAuthorization>> {
  const provider = providerFor(deps, target);
  if (!provider) return notConfigured();
  if (!redirectAllowed(deps, redirectUri)) return fail(userError('INVALID_REDIRECT_URI', 'The provider may only send you back to this app.', ['input', 'redirectUri']));
  const state = generateState();
  const codeVerifier = generateCodeVerifier();
  const id = randomUUID();
  const sealed = deps.tokenKeys.seal(codeVerifier, `oauth_states:${id}`);
  const expiresAt = new Date(Date.now() + deps.config.OAUTH_STATE_TTL_SECONDS * 1000);
  await purgeOAuthStates(deps);
  await deps.db
    .insertInto('oauth_states')
    .values({
      id,
      state_hash: hashOpaqueToken(state),
      purpose: target.purpose,
      target: target.target,
      user_id: target.userId,
      code_verifier_encrypted: sealed.sealed,
      token_key_id: sealed.keyId,
      redirect_uri: redirectUri,
      expires_at: expiresAt,
    })
    .execute();
  const url = provider.authorizationUrl({ state, codeVerifier, redirectUri, scopes: scopesOf(provider, target), ...(target.authorization.extra ? { extra: target.authorization.extra } : {}) });
  return succeed({ authorizationUrl: url.toString(), expiresAt });
}

/** Takes a state once: a second use, another flow's state, or another user's answers INVALID_STATE. */
async function consumeState(deps: IdentityDeps, target: AuthorizationTarget, state: string): Promise<Outcome<{ codeVerifier: string; redirectUri: string }>> {
  const row = await deps.db
    .updateTable('oauth_states')
    .set({ used_at: new Date() })
    .where('state_hash', '=', hashOpaqueToken(state))
    .where('used_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!row || row.purpose !== target.purpose || row.target !== target.target || row.user_id !== target.userId) return invalidState();
  if (row.expires_at.getTime() <= Date.now()) return fail(userError('STATE_EXPIRED', 'This sign-in took too long. Start again.', ['input', 'state']));
  const codeVerifier = deps.tokenKeys.open({ keyId: row.token_key_id, sealed: row.code_verifier_encrypted }, `oauth_states:${row.id}`);
  return succeed({ codeVerifier, redirectUri: row.redirect_uri });
}

/**
 * Finishes the flow: the state is checked and spent first, then the code is traded at the
 * provider's token endpoint with the PKCE verifier, then the profile is read. A provider's
 * refusal (a replayed code, a wrong verifier) is PROVIDER_REFUSED with its OAuth error code.
 */
export async function completeAuthorization(deps: IdentityDeps, target: AuthorizationTarget, code: string, state: string): Promise<Outcome<CompletedAuthorization>> {
  const provider = providerFor(deps, target);
  if (!provider) return notConfigured();
  if (code.length === 0 || code.length > 2000 || state.length === 0 || state.length > 200) return invalidState();
  const consumed = await consumeState(deps, target, state);
  if (!consumed.ok) return consumed;
  try {
    const granted = await provider.exchangeCode(code, consumed.value.codeVerifier, consumed.value.redirectUri);
    const profile = provider.config.userInfoUrl ? await provider.profile(granted.accessToken) : null;
    return succeed({ provider, granted, scopes: granted.scopes ?? scopesOf(provider, target), profile });
  } catch (error) {
    if (error instanceof ProviderRefusal) {
      const code = /^[\w.-]{1,60}$/.test(error.code) ? error.code : 'unknown';
      return fail(userError('PROVIDER_REFUSED', `The provider refused the sign-in (${code}). Start again.`, ['input', 'code']));
    }
    if (error instanceof ProviderUnavailable) {
      deps.logger.warn({ err: error, server: provider.config.server }, 'OAuth provider unavailable');
      return fail(userError('PROVIDER_UNAVAILABLE', 'The provider could not be reached. Try again later.'));
    }
    throw error;
  }
}

/** Forgets states that can no longer be used (expired an hour ago or more); each start sweeps. */
export async function purgeOAuthStates(deps: Pick<IdentityDeps, 'db'>): Promise<number> {
  const result = await deps.db.deleteFrom('oauth_states').where('expires_at', '<', new Date(Date.now() - 3_600_000)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
