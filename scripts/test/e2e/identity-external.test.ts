import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { eventContracts } from '@jobgraph/kit/testing';
import { dataOf, graphql, refusedAtTheEdge, type GraphQLResponse } from './graphql-client.ts';
import { startOAuthProviders, type ProviderServer } from './oauth-providers.ts';
import { receive, smtpEnv, tokenIn } from './mailbox.ts';
import { useStory, type Member } from './story.ts';

/** GitHub, Google, LinkedIn and Microsoft on loopback, started before the stack so identity is pointed at them. */
const providers = await startOAuthProviders();
afterAll(() => providers.close());
const story = useStory({ env: { ...process.env, ...smtpEnv(), ...providers.env } });

const callback = 'http://localhost:3000/auth/callback';
type Provider = 'GITHUB' | 'GOOGLE' | 'LINKEDIN';
interface Errors { errors: { field: string[]; code: string; message: string }[] }
interface Started { authorizationUrl: string | null; expiresAt: string | null; errors: { code: string }[] }

const startSignIn = 'mutation ($input: StartExternalSignInInput!) { startExternalSignIn(input: $input) { authorizationUrl expiresAt errors { code } } }';
const completeSignIn = 'mutation ($input: CompleteExternalSignInInput!) { completeExternalSignIn(input: $input) { user { id email emailVerified displayName } tokens { accessToken refreshToken } errors { field code message } } }';
const startLink = 'mutation ($input: StartExternalSignInInput!) { startProviderLink(input: $input) { authorizationUrl expiresAt errors { code } } }';
const completeLink = 'mutation ($input: CompleteExternalSignInInput!) { completeProviderLink(input: $input) { linkedProvider { id provider scopes } errors { field code } } }';
const unlink = 'mutation ($provider: ExternalProvider!) { unlinkProvider(input: { provider: $provider }) { done errors { code } } }';
const startConnect = 'mutation ($input: StartIntegrationConnectInput!) { startIntegrationConnect(input: $input) { authorizationUrl expiresAt errors { code } } }';
const completeConnect = 'mutation ($input: CompleteIntegrationConnectInput!) { completeIntegrationConnect(input: $input) { integration { id kind scopes expiresAt } errors { code } } }';
const disconnect = 'mutation ($id: ID!) { disconnectIntegration(input: { integrationId: $id }) { done errors { code } } }';
const myAccess = '{ viewer { id hasPassword linkedProviders(first: 10) { edges { node { provider scopes } } } authEvents(first: 20) { edges { node { event provider } } } } }';

interface SignedIn { completeExternalSignIn: { user: { id: string; email: string; emailVerified: boolean; displayName: string } | null; tokens: { accessToken: string; refreshToken: string } | null } & Errors }
interface Access { viewer: { id: string; hasPassword: boolean; linkedProviders: { edges: { node: { provider: Provider; scopes: string[] } }[] }; authEvents: { edges: { node: { event: string; provider: string | null } }[] } } }

let accounts = 0;
/** A person at a provider, with a unique address. */
function personAt(server: ProviderServer, name: string, options: { email?: string; verified?: boolean } = {}): { id: string; email: string } {
  accounts += 1;
  const id = server === 'github' ? String(9_000_000 + accounts) : `${server}-sub-${accounts}`;
  const email = options.email ?? `${name.toLowerCase().replace(/\W+/g, '.')}.${accounts}@mail.example`;
  providers.addAccount(server, { id, email, emailVerified: options.verified ?? true, name });
  return { id, email };
}

/** Runs as `member`, or anonymously. */
const as = <T,>(member: Member | null, query: string, variables: Record<string, unknown>): Promise<GraphQLResponse<T>> =>
  member ? member.request<T>(query, variables) : story().anonymous<T>(query, variables);

/** The browser's round trip: start, the provider's consent page (approved as `accountId`), back with code and state. */
async function roundTrip(start: string, field: string, input: Record<string, unknown>, accountId: string, member: Member | null = null): Promise<{ code: string; state: string; url: URL }> {
  const started = dataOf(await as<Record<string, Started>>(member, start, { input: { ...input, redirectUri: callback } }))[field]!;
  expect(started.errors).toEqual([]);
  const url = new URL(started.authorizationUrl!);
  const back = await providers.approve(url.toString(), accountId);
  expect(back.redirectTo.origin + back.redirectTo.pathname).toBe(callback);
  return { code: back.code, state: back.state, url };
}

async function signInWith(provider: Provider, accountId: string): Promise<SignedIn['completeExternalSignIn']> {
  const { code, state } = await roundTrip(startSignIn, 'startExternalSignIn', { provider }, accountId);
  return dataOf(await story().anonymous<SignedIn>(completeSignIn, { input: { provider, code, state } })).completeExternalSignIn;
}

function memberFrom(signedIn: SignedIn['completeExternalSignIn']): Member {
  if (!signedIn.user || !signedIn.tokens) throw new Error(`sign-in failed: ${JSON.stringify(signedIn.errors)}`);
  const { user, tokens } = signedIn;
  return { id: user.id, email: user.email, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, request: (query, variables) => graphql(story().stack.gatewayUrl, query, variables, tokens.accessToken) };
}

async function withDb<T>(work: (db: ReturnType<typeof createKysely<unknown>>) => Promise<T>): Promise<T> {
  const db = createKysely<unknown>({ url: story().database.adminUrl, maxConnections: 1 });
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

const validate = eventContracts();

/** The types of the events published about a user, each checked against its JSON Schema (no email, no token). */
async function outboxTypes(userId: string): Promise<string[]> {
  const rows = await withDb(async (db) => (await sql<{ envelope: { type: string } }>`select envelope from identity.outbox where key = ${userId} order by seq`.execute(db)).rows);
  for (const { envelope } of rows) {
    expect(validate(envelope), envelope.type).toEqual([]);
    expect(JSON.stringify(envelope)).not.toMatch(/@|-at-|-rt-/);
  }
  return rows.map((row) => row.envelope.type);
}

describe('external sign-in (ID-08)', () => {
  it('sends the browser to GitHub with a state and an S256 challenge, and its code makes a password-less account', async () => {
    const octo = personAt('github', 'Octo Cat');
    const { code, state, url } = await roundTrip(startSignIn, 'startExternalSignIn', { provider: 'GITHUB' }, octo.id);
    expect(url.origin + url.pathname).toBe(providers.env.OAUTH_GITHUB_AUTHORIZE_URL);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('scope')).toBe('read:user user:email');
    expect(url.searchParams.get('redirect_uri')).toBe(callback);

    const signedIn = dataOf(await story().anonymous<SignedIn>(completeSignIn, { input: { provider: 'GITHUB', code, state } })).completeExternalSignIn;
    expect(signedIn.errors).toEqual([]);
    expect(signedIn.user).toMatchObject({ email: octo.email, emailVerified: true, displayName: 'Octo Cat' });
    // The token request carried the verifier whose S256 is the challenge sent to GitHub.
    expect(providers.tokenRequests.at(-1)?.form.code_verifier).toMatch(/^[\w-]{43,128}$/);

    const octoMember = memberFrom(signedIn);
    const access = dataOf(await octoMember.request<Access>(myAccess));
    expect(access.viewer.hasPassword).toBe(false);
    expect(access.viewer.linkedProviders.edges.map((e) => e.node)).toEqual([{ provider: 'GITHUB', scopes: ['read:user', 'user:email'] }]);
    expect(access.viewer.authEvents.edges.map((e) => e.node)).toEqual(expect.arrayContaining([{ event: 'sign_up', provider: 'github' }, { event: 'provider_linked', provider: 'github' }]));
    expect(await outboxTypes(octoMember.id)).toEqual(['jobgraph.identity.user.registered.v1', 'jobgraph.identity.user.provider-linked.v1']);

    // At rest, the token is ciphertext under a key id; the plain token is nowhere in the row.
    const stored = await withDb(async (db) => (await sql<{ sealed: Buffer; key_id: string; row: string }>`select access_token_encrypted as sealed, token_key_id as key_id, row_to_json(a)::text as row from identity.external_accounts a where user_id = ${octoMember.id}::uuid`.execute(db)).rows);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.key_id).toBe('dev-1');
    expect(stored[0]!.row).not.toMatch(/github-at-/);

    // Signing in again finds the same account.
    const again = await signInWith('GITHUB', octo.id);
    expect(again.user?.id).toBe(octoMember.id);
  });

  it('joins an account by Google’s verified address only when that account’s own address is verified', async () => {
    const ada = await story().candidate('Ada Google');
    const google = personAt('google', 'Ada Lovelace', { email: ada.email });
    const refused = await signInWith('GOOGLE', google.id);
    expect(refused.errors.map((e) => e.code)).toEqual(['ACCOUNT_EXISTS']);
    expect(refused.tokens).toBeNull();

    await withDb((db) => sql`update identity.users set email_verified_at = now() where id = ${ada.id}::uuid`.execute(db));
    const joined = await signInWith('GOOGLE', google.id);
    expect(joined.errors).toEqual([]);
    expect(joined.user?.id).toBe(ada.id);
    const access = dataOf(await ada.request<Access>(myAccess));
    expect(access.viewer.hasPassword).toBe(true);
    expect(access.viewer.linkedProviders.edges.map((e) => e.node.provider)).toEqual(['GOOGLE']);
    expect(await outboxTypes(ada.id)).toContain('jobgraph.identity.user.provider-linked.v1');

    // An unverified address at the provider opens nothing.
    const unverified = personAt('google', 'Eve Unverified', { verified: false });
    expect((await signInWith('GOOGLE', unverified.id)).errors.map((e) => e.code)).toEqual(['EMAIL_NOT_VERIFIED']);

    // A deactivated account stays closed to its provider too.
    dataOf(await ada.request('mutation { deactivateMyAccount(input: { password: "a long and unusual passphrase" }) { done } }'));
    expect((await signInWith('GOOGLE', google.id)).errors.map((e) => e.code)).toEqual(['ACCOUNT_DEACTIVATED']);
  });

  it('links LinkedIn to a signed-in account and unlinks it, but never the last way in', async () => {
    const lin = personAt('github', 'Lin Only');
    const linMember = memberFrom(await signInWith('GITHUB', lin.id));
    // A password-less account with one provider cannot lose it.
    expect(dataOf(await linMember.request<{ unlinkProvider: { done: boolean } & Errors }>(unlink, { provider: 'GITHUB' })).unlinkProvider).toEqual({ done: false, errors: [{ code: 'LAST_SIGN_IN_METHOD' }] });
    expect(dataOf(await linMember.request<{ unlinkProvider: { done: boolean } & Errors }>(unlink, { provider: 'GOOGLE' })).unlinkProvider).toEqual({ done: false, errors: [{ code: 'NOT_FOUND' }] });

    const linkedIn = personAt('linkedin', 'Lin Kedin');
    const { code, state } = await roundTrip(startLink, 'startProviderLink', { provider: 'LINKEDIN' }, linkedIn.id, linMember);
    const linked = dataOf(await linMember.request<{ completeProviderLink: { linkedProvider: { provider: string; scopes: string[] } | null } & Errors }>(completeLink, { input: { provider: 'LINKEDIN', code, state } }));
    expect(linked.completeProviderLink.errors).toEqual([]);
    // LinkedIn reports scopes comma-separated; they are kept one by one.
    expect(linked.completeProviderLink.linkedProvider).toMatchObject({ provider: 'LINKEDIN', scopes: ['openid', 'profile', 'email'] });
    // Now LinkedIn opens the account too, so GitHub may go.
    expect((await signInWith('LINKEDIN', linkedIn.id)).user?.id).toBe(linMember.id);
    expect(dataOf(await linMember.request<{ unlinkProvider: { done: boolean } }>(unlink, { provider: 'GITHUB' })).unlinkProvider.done).toBe(true);
    expect(dataOf(await linMember.request<{ unlinkProvider: Errors }>(unlink, { provider: 'LINKEDIN' })).unlinkProvider.errors.map((e) => e.code)).toEqual(['LAST_SIGN_IN_METHOD']);
    const access = dataOf(await linMember.request<Access>(myAccess));
    expect(access.viewer.linkedProviders.edges.map((e) => e.node.provider)).toEqual(['LINKEDIN']);
    expect(access.viewer.authEvents.edges.map((e) => e.node)).toEqual(expect.arrayContaining([{ event: 'provider_unlinked', provider: 'github' }, { event: 'provider_linked', provider: 'linkedin' }]));
    expect(await withDb(async (db) => (await sql`select 1 from identity.external_accounts where user_id = ${linMember.id}::uuid and provider = 'github'`.execute(db)).rows)).toEqual([]);
    expect(await outboxTypes(linMember.id)).toEqual(expect.arrayContaining(['jobgraph.identity.user.provider-unlinked.v1']));

    // A provider account already opening someone else's account cannot be linked again.
    const bob = await story().candidate('Bob Linker');
    const taken = await roundTrip(startLink, 'startProviderLink', { provider: 'LINKEDIN' }, linkedIn.id, bob);
    expect(dataOf(await bob.request<{ completeProviderLink: Errors }>(completeLink, { input: { provider: 'LINKEDIN', code: taken.code, state: taken.state } })).completeProviderLink.errors.map((e) => e.code)).toEqual(['PROVIDER_ACCOUNT_IN_USE']);
  });
});

describe('a provider-made account and passwords', () => {
  it('sets its first password through a reset mail, after which its only provider may go', async () => {
    const sol = personAt('github', 'Sol Provider');
    const solMember = memberFrom(await signInWith('GITHUB', sol.id));
    dataOf(await story().anonymous('mutation ($e: EmailAddress!) { requestPasswordReset(input: { email: $e }) { done } }', { e: sol.email }));
    const mail = await receive(sol.email, /Reset your Jobgraph password/);
    const password = 'a first password, chosen late';
    const reset = dataOf(await story().anonymous<{ resetPassword: { done: boolean } & Errors }>('mutation ($t: String!, $p: String!) { resetPassword(input: { token: $t, newPassword: $p }) { done errors { code } } }', { t: tokenIn(mail), p: password }));
    expect(reset.resetPassword).toEqual({ done: true, errors: [] });
    const signedIn = dataOf(await story().anonymous<{ signIn: { tokens: { accessToken: string } | null } & Errors }>('mutation ($e: EmailAddress!, $p: String!) { signIn(input: { email: $e, password: $p }) { tokens { accessToken } errors { code } } }', { e: sol.email, p: password }));
    expect(signedIn.signIn.errors).toEqual([]);
    const withPassword = { ...solMember, request: <T,>(query: string, variables?: Record<string, unknown>) => graphql<T>(story().stack.gatewayUrl, query, variables, signedIn.signIn.tokens!.accessToken) };
    expect(dataOf(await withPassword.request<Access>(myAccess)).viewer.hasPassword).toBe(true);
    expect(dataOf(await withPassword.request<{ unlinkProvider: { done: boolean } }>(unlink, { provider: 'GITHUB' })).unlinkProvider.done).toBe(true);
  });
});

describe('hostile external sign-ins', () => {
  it('refuses a tampered, replayed, foreign or expired state', async () => {
    const mal = personAt('github', 'Mal Lory');
    const flow = await roundTrip(startSignIn, 'startExternalSignIn', { provider: 'GITHUB' }, mal.id);
    const tampered = `${flow.state.slice(0, -2)}${flow.state.endsWith('AA') ? 'BB' : 'AA'}`;
    const codes = async (input: Record<string, unknown>) => (dataOf(await story().anonymous<SignedIn>(completeSignIn, { input })).completeExternalSignIn.errors).map((e) => e.code);
    expect(await codes({ provider: 'GITHUB', code: flow.code, state: tampered })).toEqual(['INVALID_STATE']);
    expect(await codes({ provider: 'GOOGLE', code: flow.code, state: flow.state })).toEqual(['INVALID_STATE']);
    // The state above was spent by the mismatched attempt: a state works once, whatever happens.
    expect(await codes({ provider: 'GITHUB', code: flow.code, state: flow.state })).toEqual(['INVALID_STATE']);
    expect(await codes({ provider: 'GITHUB', code: flow.code, state: 'x'.repeat(5000) })).toEqual(['INVALID_STATE']);

    // Each refusal is a failed sign-in in the auth log, with the provider and no user.
    const failures = await withDb(async (db) => (await sql<{ n: number }>`select count(*)::int as n from identity.auth_events where event = 'sign_in_failed' and provider in ('github', 'google') and user_id is null`.execute(db)).rows[0]?.n);
    expect(failures).toBe(4);

    const late = await roundTrip(startSignIn, 'startExternalSignIn', { provider: 'GITHUB' }, mal.id);
    await withDb((db) => sql`update identity.oauth_states set created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour' where used_at is null`.execute(db));
    expect(await codes({ provider: 'GITHUB', code: late.code, state: late.state })).toEqual(['STATE_EXPIRED']);

    // A link started by one user cannot be finished by another.
    const victim = await story().candidate('Vic Tim');
    const attacker = await story().candidate('At Tacker');
    const victims = await roundTrip(startLink, 'startProviderLink', { provider: 'GITHUB' }, mal.id, victim);
    expect(dataOf(await attacker.request<{ completeProviderLink: Errors }>(completeLink, { input: { provider: 'GITHUB', code: victims.code, state: victims.state } })).completeProviderLink.errors.map((e) => e.code)).toEqual(['INVALID_STATE']);
    // Nor can a sign-in state finish a link.
    const signInState = await roundTrip(startSignIn, 'startExternalSignIn', { provider: 'GITHUB' }, mal.id);
    expect(dataOf(await attacker.request<{ completeProviderLink: Errors }>(completeLink, { input: { provider: 'GITHUB', code: signInState.code, state: signInState.state } })).completeProviderLink.errors.map((e) => e.code)).toEqual(['INVALID_STATE']);
  });

  it('has the provider refuse a replayed code and a code sent with another flow’s PKCE verifier', async () => {
    for (const [provider, server] of [['GITHUB', 'github'], ['GOOGLE', 'google'], ['LINKEDIN', 'linkedin']] as const) {
      const person = personAt(server, `Replay ${provider}`);
      const first = await roundTrip(startSignIn, 'startExternalSignIn', { provider }, person.id);
      // Injected code: it was issued for the first flow's challenge, and arrives with the second flow's state and verifier.
      const second = await roundTrip(startSignIn, 'startExternalSignIn', { provider }, person.id);
      const injected = dataOf(await story().anonymous<SignedIn>(completeSignIn, { input: { provider, code: first.code, state: second.state } })).completeExternalSignIn;
      expect(injected.errors.map((e) => e.code)).toEqual(['PROVIDER_REFUSED']);
      expect(injected.tokens).toBeNull();
      expect(providers.refusals.at(-1)).toEqual({ server, reason: 'pkce_mismatch' });

      // A code redeemed once is refused the second time, even with a fresh state.
      const honest = await roundTrip(startSignIn, 'startExternalSignIn', { provider }, person.id);
      expect((await story().anonymous<SignedIn>(completeSignIn, { input: { provider, code: honest.code, state: honest.state } })).data?.completeExternalSignIn.errors).toEqual([]);
      const third = await roundTrip(startSignIn, 'startExternalSignIn', { provider }, person.id);
      const replayed = dataOf(await story().anonymous<SignedIn>(completeSignIn, { input: { provider, code: honest.code, state: third.state } })).completeExternalSignIn;
      expect(replayed.errors.map((e) => e.code)).toEqual(['PROVIDER_REFUSED']);
      expect(replayed.errors[0]?.message).toMatch(provider === 'GITHUB' ? /bad_verification_code/ : /invalid_grant/);
      expect(providers.refusals.at(-1)).toEqual({ server, reason: 'code_reused' });
    }
  });

  it('refuses a redirect outside the app, an unknown provider value and NUL bytes at the edge', async () => {
    const evil = dataOf(await story().anonymous<{ startExternalSignIn: Started }>(startSignIn, { input: { provider: 'GITHUB', redirectUri: 'https://evil.example/steal' } }));
    expect(evil.startExternalSignIn).toEqual({ authorizationUrl: null, expiresAt: null, errors: [{ code: 'INVALID_REDIRECT_URI' }] });
    const bad = await story().anonymous(startSignIn, { input: { provider: 'FACEBOOK', redirectUri: callback } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refusedAtTheEdge(await story().anonymous(completeSignIn, { input: { provider: 'GITHUB', code: 'a\u0000b', state: 'c' } }))).toBeDefined();
    const anonymousLink = await story().anonymous(startLink, { input: { provider: 'GITHUB', redirectUri: callback } });
    expect(anonymousLink.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('integration accounts (ID-09)', () => {
  it('connects Gmail and Outlook with their scopes and expiry, and a disconnect deletes the tokens', async () => {
    const ada = await story().candidate('Ada Integrates');
    const bob = await story().candidate('Bob Snoops');
    const gmail = personAt('google', 'Ada Gmail');
    const { code, state, url } = await roundTrip(startConnect, 'startIntegrationConnect', { kind: 'GMAIL' }, gmail.id, ada);
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('scope')).toContain('https://www.googleapis.com/auth/gmail.readonly');
    const connected = dataOf(await ada.request<{ completeIntegrationConnect: { integration: { id: string; kind: string; scopes: string[]; expiresAt: string | null } | null } & Errors }>(completeConnect, { input: { kind: 'GMAIL', code, state } }));
    expect(connected.completeIntegrationConnect.errors).toEqual([]);
    const integration = connected.completeIntegrationConnect.integration!;
    expect(integration).toMatchObject({ kind: 'GMAIL', scopes: ['openid', 'email', 'https://www.googleapis.com/auth/gmail.readonly'] });
    expect(new Date(integration.expiresAt!).getTime() - Date.now()).toBeGreaterThan(3000 * 1000);

    const outlook = personAt('microsoft', 'Ada Outlook');
    const viaMicrosoft = await roundTrip(startConnect, 'startIntegrationConnect', { kind: 'OUTLOOK' }, outlook.id, ada);
    expect(dataOf(await ada.request<{ completeIntegrationConnect: Errors }>(completeConnect, { input: { kind: 'OUTLOOK', code: viaMicrosoft.code, state: viaMicrosoft.state } })).completeIntegrationConnect.errors).toEqual([]);
    const listed = dataOf(await ada.request<{ viewer: { integrations: { edges: { node: { kind: string } }[] } } }>('{ viewer { integrations(first: 10) { edges { node { kind } } } } }'));
    expect(listed.viewer.integrations.edges.map((e) => e.node.kind).sort()).toEqual(['GMAIL', 'OUTLOOK']);

    // Both tokens (access and refresh) are ciphertext; the refresh token was kept.
    const rows = await withDb(async (db) => (await sql<{ refresh: Buffer | null; row: string }>`select refresh_token_encrypted as refresh, row_to_json(i)::text as row from identity.integration_accounts i where user_id = ${ada.id}::uuid`.execute(db)).rows);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.refresh).not.toBeNull();
      expect(row.row).not.toMatch(/-(at|rt)-/);
    }

    // Another user's integration id answers as if it did not exist.
    expect(dataOf(await bob.request<{ disconnectIntegration: { done: boolean } & Errors }>(disconnect, { id: integration.id })).disconnectIntegration).toEqual({ done: false, errors: [{ code: 'NOT_FOUND' }] });
    expect(dataOf(await bob.request<{ disconnectIntegration: Errors }>(disconnect, { id: 'not-a-uuid' })).disconnectIntegration.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    expect(dataOf(await ada.request<{ disconnectIntegration: { done: boolean } }>(disconnect, { id: integration.id })).disconnectIntegration.done).toBe(true);
    expect(await withDb(async (db) => (await sql`select 1 from identity.integration_accounts where id = ${integration.id}::uuid`.execute(db)).rows)).toEqual([]);
    expect(await outboxTypes(ada.id)).toEqual(expect.arrayContaining(['jobgraph.identity.user.integration-connected.v1', 'jobgraph.identity.user.integration-disconnected.v1']));
    // Bob's view of Ada holds none of it.
    const bobsView = dataOf(await bob.request<{ viewer: unknown }>('{ viewer { integrations(first: 1) { edges { node { id } } } } }'));
    expect(JSON.stringify(bobsView)).not.toContain(integration.id);
  });

  it('reconnecting a kind replaces its tokens in place; a provider outage stores nothing', async () => {
    const dee = await story().candidate('Dee Reconnects');
    const linkedIn = personAt('linkedin', 'Dee LinkedIn');
    const connectLinkedIn = async () => {
      const flow = await roundTrip(startConnect, 'startIntegrationConnect', { kind: 'LINKEDIN' }, linkedIn.id, dee);
      return dataOf(await dee.request<{ completeIntegrationConnect: { integration: { id: string; scopes: string[] } | null } & Errors }>(completeConnect, { input: { kind: 'LINKEDIN', code: flow.code, state: flow.state } })).completeIntegrationConnect;
    };
    const sealed = async () => (await withDb(async (db) => (await sql<{ sealed: Buffer }>`select access_token_encrypted as sealed from identity.integration_accounts where user_id = ${dee.id}::uuid`.execute(db)).rows)).map((row) => row.sealed.toString('hex'));
    const first = await connectLinkedIn();
    expect(first.integration?.scopes).toEqual(['openid', 'profile', 'email', 'w_member_social']);
    const before = await sealed();
    const second = await connectLinkedIn();
    expect(second.integration?.id).toBe(first.integration?.id);
    const after = await sealed();
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before[0]);
    const connected = await withDb(async (db) => (await sql<{ data: { reconnected: boolean } }>`select envelope->'data' as data from identity.outbox where key = ${dee.id} and envelope->>'type' = 'jobgraph.identity.user.integration-connected.v1' order by seq`.execute(db)).rows);
    expect(connected.map((row) => row.data.reconnected)).toEqual([false, true]);

    const down = personAt('google', 'Dee Outage');
    providers.addAccount('google', { id: down.id, email: down.email, emailVerified: true, name: 'Dee Outage', profileDown: true });
    const outage = await signInWith('GOOGLE', down.id);
    expect(outage.errors.map((e) => e.code)).toEqual(['PROVIDER_UNAVAILABLE']);
    expect(await withDb(async (db) => (await sql`select 1 from identity.users where email = ${down.email}`.execute(db)).rows)).toEqual([]);
  });

  it('answers PROVIDER_NOT_CONFIGURED for a server without a client, and refuses a connect state used for another kind', async () => {
    const cy = await story().candidate('Cy Configured');
    const ats = dataOf(await cy.request<{ startIntegrationConnect: Started }>(startConnect, { input: { kind: 'ATS', redirectUri: callback } }));
    expect(ats.startIntegrationConnect.errors).toEqual([{ code: 'PROVIDER_NOT_CONFIGURED' }]);
    const calendar = personAt('google', 'Cy Calendar');
    const flow = await roundTrip(startConnect, 'startIntegrationConnect', { kind: 'GOOGLE_CALENDAR' }, calendar.id, cy);
    expect(dataOf(await cy.request<{ completeIntegrationConnect: Errors }>(completeConnect, { input: { kind: 'GMAIL', code: flow.code, state: flow.state } })).completeIntegrationConnect.errors.map((e) => e.code)).toEqual(['INVALID_STATE']);
  });
});
