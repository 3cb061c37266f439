import type { Kysely } from 'kysely';
import { ProviderLinked, ProviderUnlinked, UserRegistered, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { Database, ExternalAccount, User } from '../db/types.ts';
import { signInAuthorization, type SignInProvider } from '../external/catalog.ts';
import type { ExternalProfile } from '../external/profiles.ts';
import { recordAuthEvent } from './auth-log.ts';
import type { ClientInfo } from './client-info.ts';
import type { IdentityDeps } from './deps.ts';
import { normalizeDisplayName } from './display-name.ts';
import { completeAuthorization, startAuthorization, type CompletedAuthorization, type StartedAuthorization } from './external-authorization.ts';
import { externalAccountContext, sealTokens } from './provider-tokens.ts';
import { openSession } from './session-tokens.ts';
import { closed } from './sign-in.ts';
import type { SignedIn } from './sign-up.ts';

const signInTarget = (provider: SignInProvider) => ({ purpose: 'sign_in' as const, target: provider, userId: null, authorization: signInAuthorization[provider] });
const linkTarget = (provider: SignInProvider, userId: string) => ({ purpose: 'link' as const, target: provider, userId, authorization: signInAuthorization[provider] });

export const startExternalSignIn = (deps: IdentityDeps, provider: SignInProvider, redirectUri: string): Promise<Outcome<StartedAuthorization>> =>
  startAuthorization(deps, signInTarget(provider), redirectUri);

export const startProviderLink = (deps: IdentityDeps, userId: string, provider: SignInProvider, redirectUri: string): Promise<Outcome<StartedAuthorization>> =>
  startAuthorization(deps, linkTarget(provider, userId), redirectUri);

/** The provider's profile, which every sign-in and link needs. */
function profileOf(completed: CompletedAuthorization): Outcome<ExternalProfile> {
  return completed.profile ? succeed(completed.profile) : fail(userError('PROVIDER_UNAVAILABLE', 'The provider did not say who you are.'));
}

async function storeAccount(trx: Kysely<Database>, deps: IdentityDeps, userId: string, provider: SignInProvider, completed: CompletedAuthorization, subject: string): Promise<ExternalAccount | null> {
  const sealed = sealTokens(deps.tokenKeys, completed.granted, externalAccountContext(provider, subject));
  const values = { ...sealed, scopes: [...completed.scopes], updated_at: new Date() };
  return (
    (await trx
      .insertInto('external_accounts')
      .values({ user_id: userId, provider, provider_user_id: subject, ...values })
      .onConflict((oc) => oc.columns(['provider', 'provider_user_id']).doUpdateSet(values).where('external_accounts.user_id', '=', userId))
      .returningAll()
      .executeTakeFirst()) ?? null
  );
}

async function announceLink(trx: Kysely<Database>, userId: string, provider: SignInProvider, via: 'sign_up' | 'sign_in' | 'link', client: ClientInfo): Promise<void> {
  await appendToOutbox(trx, [pendingEvent(ProviderLinked, userId, { userId, provider, via, linkedAt: new Date().toISOString() })]);
  await recordAuthEvent(trx, { userId, event: 'provider_linked', client, provider });
}

const inUse = () => fail(userError('PROVIDER_ACCOUNT_IN_USE', 'This provider account opens another Jobgraph account already.', ['input', 'provider']));

/** Thrown inside a transaction to undo its writes and answer with the outcome instead. */
class Refused extends Error {
  readonly outcome: Outcome<never>;
  constructor(outcome: Outcome<never>) {
    super('refused');
    this.outcome = outcome;
  }
}

async function undoing<T>(work: Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof Refused) return error.outcome;
    throw error;
  }
}

/**
 * Signs in with a provider (ID-08). A linked provider account signs its user in; else an
 * account with the provider's verified address is joined (only when that account's own
 * address is verified too, so nobody can pre-register a victim's address and wait); else a
 * new account is made, its address verified by the provider, with no password.
 */
export async function completeExternalSignIn(deps: IdentityDeps, provider: SignInProvider, code: string, state: string, client: ClientInfo): Promise<Outcome<SignedIn>> {
  const completed = await completeAuthorization(deps, signInTarget(provider), code, state);
  if (!completed.ok) {
    // A failed provider sign-in is in the auth log like a wrong password (no user is known yet).
    await recordAuthEvent(deps.db, { userId: null, event: 'sign_in_failed', client, provider });
    return completed;
  }
  const profile = profileOf(completed.value);
  if (!profile.ok) return profile;
  const { subject, email, emailVerified } = profile.value;

  const linked = await deps.db
    .selectFrom('external_accounts')
    .innerJoin('users', 'users.id', 'external_accounts.user_id')
    .selectAll('users')
    .where('external_accounts.provider', '=', provider)
    .where('external_accounts.provider_user_id', '=', subject)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
  if (linked) return signInLinked(deps, linked, provider, completed.value, subject, client);

  if (!email || !emailVerified) return fail(userError('EMAIL_NOT_VERIFIED', 'The provider did not confirm an email address. Verify it there, or sign up with a password.'));
  const existing = await deps.db.selectFrom('users').selectAll().where('email', '=', email).where('deleted_at', 'is', null).executeTakeFirst();
  if (existing) {
    if (existing.email_verified_at === null) {
      return fail(userError('ACCOUNT_EXISTS', 'An account with this address exists. Sign in with its password, then link the provider.'));
    }
    const refusal = closed(existing);
    if (refusal) return refusal;
    return deps.db.transaction().execute(async (trx) => {
      const account = await storeAccount(trx, deps, existing.id, provider, completed.value, subject);
      if (!account) return inUse();
      await announceLink(trx, existing.id, provider, 'sign_in', client);
      return openFor(trx, deps, existing, provider, client);
    });
  }
  return signUpWith(deps, provider, completed.value, profile.value, email, client);
}

async function signInLinked(deps: IdentityDeps, user: User, provider: SignInProvider, completed: CompletedAuthorization, subject: string, client: ClientInfo): Promise<Outcome<SignedIn>> {
  const refusal = closed(user);
  if (refusal) {
    await recordAuthEvent(deps.db, { userId: user.id, event: 'sign_in_refused', client, provider });
    return refusal;
  }
  return deps.db.transaction().execute(async (trx) => {
    // Fresh tokens replace the old ones, sealed under the current key.
    await storeAccount(trx, deps, user.id, provider, completed, subject);
    return openFor(trx, deps, user, provider, client);
  });
}

async function openFor(trx: Kysely<Database>, deps: IdentityDeps, user: User, provider: SignInProvider, client: ClientInfo): Promise<Outcome<SignedIn>> {
  const signedIn = await trx.updateTable('users').set({ last_sign_in_at: new Date() }).where('id', '=', user.id).returningAll().executeTakeFirstOrThrow();
  await recordAuthEvent(trx, { userId: user.id, event: 'sign_in', client, provider });
  return succeed({ user: signedIn, tokens: await openSession(deps, trx, signedIn, client) });
}

async function signUpWith(deps: IdentityDeps, provider: SignInProvider, completed: CompletedAuthorization, profile: ExternalProfile, email: string, client: ClientInfo): Promise<Outcome<SignedIn>> {
  const named = normalizeDisplayName(profile.displayName ?? email.split('@')[0] ?? 'New user');
  const displayName = 'name' in named ? named.name : 'New user';
  return undoing(deps.db.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto('users')
      .values({
        email,
        display_name: displayName,
        roles: ['candidate'],
        email_verified_at: new Date(),
        first_name: profile.firstName?.slice(0, 100) ?? null,
        last_name: profile.lastName?.slice(0, 100) ?? null,
        avatar_url: profile.avatarUrl && profile.avatarUrl.length <= 2000 ? profile.avatarUrl : null,
        last_sign_in_at: new Date(),
      })
      .onConflict((oc) => oc.column('email').where('deleted_at', 'is', null).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!user) return fail(userError('ACCOUNT_EXISTS', 'An account with this address exists. Sign in with its password, then link the provider.'));
    await appendToOutbox(trx, [pendingEvent(UserRegistered, user.id, { userId: user.id, roles: user.roles, registeredAt: user.created_at.toISOString() })]);
    await recordAuthEvent(trx, { userId: user.id, event: 'sign_up', client, provider });
    // Raced by another sign-up with this provider account: the new user is undone.
    if (!(await storeAccount(trx, deps, user.id, provider, completed, profile.subject))) throw new Refused(inUse());
    await announceLink(trx, user.id, provider, 'sign_up', client);
    return succeed({ user, tokens: await openSession(deps, trx, user, client) });
  }));
}

/** Links a provider to the signed-in account, so it opens the account from now on. */
export async function completeProviderLink(deps: IdentityDeps, userId: string, provider: SignInProvider, code: string, state: string, client: ClientInfo): Promise<Outcome<ExternalAccount>> {
  const completed = await completeAuthorization(deps, linkTarget(provider, userId), code, state);
  if (!completed.ok) return completed;
  const profile = profileOf(completed.value);
  if (!profile.ok) return profile;
  return deps.db.transaction().execute(async (trx) => {
    const held = await trx.selectFrom('external_accounts').select(['provider_user_id']).where('user_id', '=', userId).where('provider', '=', provider).executeTakeFirst();
    if (held && held.provider_user_id !== profile.value.subject) {
      return fail(userError('ALREADY_LINKED', 'Another account of this provider is linked already. Unlink it first.', ['input', 'provider']));
    }
    const account = await storeAccount(trx, deps, userId, provider, completed.value, profile.value.subject);
    if (!account) return inUse();
    if (!held) await announceLink(trx, userId, provider, 'link', client);
    return succeed(account);
  });
}

/**
 * Unlinks a provider and deletes its tokens. Never the last way in: an account without a
 * password keeps its only provider (LAST_SIGN_IN_METHOD).
 */
export async function unlinkProvider(deps: IdentityDeps, userId: string, provider: SignInProvider, client: ClientInfo): Promise<Outcome<true>> {
  return deps.db.transaction().execute(async (trx) => {
    // The user's row is locked so two unlinks at once cannot each leave the other as the last way in.
    await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirst();
    const accounts = await trx.selectFrom('external_accounts').select(['id', 'provider']).where('user_id', '=', userId).execute();
    if (!accounts.some((account) => account.provider === provider)) return fail(userError('NOT_FOUND', 'This provider is not linked to your account.', ['input', 'provider']));
    const password = await trx.selectFrom('credentials').select('user_id').where('user_id', '=', userId).executeTakeFirst();
    if (!password && accounts.length === 1) {
      return fail(userError('LAST_SIGN_IN_METHOD', 'This is the only way into your account. Set a password or link another provider first.', ['input', 'provider']));
    }
    await trx.deleteFrom('external_accounts').where('user_id', '=', userId).where('provider', '=', provider).execute();
    await appendToOutbox(trx, [pendingEvent(ProviderUnlinked, userId, { userId, provider, unlinkedAt: new Date().toISOString() })]);
    await recordAuthEvent(trx, { userId, event: 'provider_unlinked', client, provider });
    return succeed(true as const);
  });
}
