import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { createInProcessTransport, createLogger, identityAuthTopic, identitySessionTopic, identityUserTopic, type CloudEvent } from '@jobgraph/kit';
import { emailPattern, eventContracts, eventually } from '@jobgraph/kit/testing';
import { decodeJwt } from 'jose';
import { dataOf, graphql, type GraphQLResponse } from './graphql-client.ts';
import { useStory, type Member } from './story.ts';

/** Everything identity publishes, as an analyst would read it. */
const published: CloudEvent[] = [];
const story = useStory({
  events: () => {
    const transport = createInProcessTransport(createLogger('events', 'silent'));
    void transport
      .ensureTopics([identityUserTopic, identitySessionTopic, identityAuthTopic])
      .then(() => transport.subscribe({ groupId: 'analyst', topics: [identityUserTopic, identitySessionTopic, identityAuthTopic], handle: async (m) => void published.push(JSON.parse(m.value) as CloudEvent) }));
    return transport;
  },
});

const password = 'a long and unusual passphrase';

async function asAdmin(member: Member): Promise<void> {
  const db = createKysely<unknown>({ url: story().database.adminUrl, maxConnections: 1 });
  try {
    // The first admin is made by an operator; admin is never chosen at sign-up.
    await sql`update identity.users set roles = array_append(roles, 'admin') where id = ${member.id}::uuid`.execute(db);
  } finally {
    await db.destroy();
  }
}

/** Signs in again as a new session with its own user agent; returns its tokens. */
async function signIn(email: string, userAgent = 'Jobgraph e2e'): Promise<{ accessToken: string; refreshToken: string; response: Record<string, unknown> }> {
  const response = await fetch(story().stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': userAgent },
    body: JSON.stringify({ query: 'mutation ($input: SignInInput!) { signIn(input: $input) { tokens { accessToken refreshToken } errors { code } } }', variables: { input: { email, password } } }),
  });
  const body = (await response.json()) as { data: { signIn: { tokens: { accessToken: string; refreshToken: string } | null; errors: { code: string }[] } } };
  const tokens = body.data.signIn.tokens;
  return { accessToken: tokens?.accessToken ?? '', refreshToken: tokens?.refreshToken ?? '', response: body.data.signIn };
}

const as = (token: string) => <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => graphql<T>(story().stack.gatewayUrl, query, variables, token);
const reason = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.reason ?? response.errors?.[0]?.extensions?.code;

/** An access token stops working within seconds once its session ends. */
async function refusedSoon(token: string): Promise<void> {
  await eventually(async () => (await as(token)('{ viewer { id } }')).status === 401, 5_000);
  const after = await as(token)('{ viewer { id } }');
  expect(after.status).toBe(401);
  expect(reason(after)).toBe('SESSION_REVOKED');
}

const updateMe = 'mutation ($input: UpdateMyAccountInput!) { updateMyAccount(input: $input) { user { id firstName lastName phone timezone locale bio links avatarUrl profileCompletion } errors { field code } } }';

describe('my account (ID-11, ID-12, ID-16)', () => {
  it('edits the profile field by field, shows completion, keeps phone and status private', async () => {
    const ada = await story().candidate('Ada Profile');
    const before = dataOf(await ada.request<{ viewer: { profileCompletion: number } }>('{ viewer { profileCompletion } }'));
    expect(before.viewer.profileCompletion).toBe(0);

    const input = { firstName: ' Ada ', lastName: 'Lovelace', phone: '+44 20 7946 0958', timezone: 'Europe/London', locale: 'en-gb', bio: 'Analyst.', links: ['https://ada.example.org/'], avatarUrl: 'https://img.example.org/ada.png' };
    const done = dataOf(await ada.request<{ updateMyAccount: { user: Record<string, unknown>; errors: unknown[] } }>(updateMe, { input }));
    expect(done.updateMyAccount.errors).toEqual([]);
    expect(done.updateMyAccount.user).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', phone: '+442079460958', timezone: 'Europe/London', locale: 'en-GB', links: ['https://ada.example.org/'] });
    // Everything but the verified email: 8 of 9 parts.
    expect(done.updateMyAccount.user.profileCompletion).toBe(88);

    const cleared = dataOf(await ada.request<{ updateMyAccount: { user: { bio: string | null; firstName: string } } }>(updateMe, { input: { bio: null } }));
    expect(cleared.updateMyAccount.user).toMatchObject({ bio: null, firstName: 'Ada' });

    const bad = dataOf(
      await ada.request<{ updateMyAccount: { user: unknown; errors: { field: string[]; code: string }[] } }>(updateMe, {
        input: { timezone: 'Mars/Olympus', phone: '12', avatarUrl: 'javascript:alert(1)', links: ['http://plain.example.org'], firstName: '\u0007\u0007', bio: 'x'.repeat(2001) },
      }),
    );
    expect(bad.updateMyAccount.user).toBeNull();
    expect(bad.updateMyAccount.errors.map((e) => e.code).sort()).toEqual(['INVALID_BIO', 'INVALID_LINKS', 'INVALID_NAME', 'INVALID_PHONE', 'INVALID_TIMEZONE', 'INVALID_URL']);

    const event = await eventually(async () => published.find((e) => e.type === 'jobgraph.identity.user.updated.v1' && e.subject === ada.id));
    expect(event.data).toMatchObject({ userId: ada.id, changed: expect.arrayContaining(['firstName', 'phone']) });
    expect(JSON.stringify(event)).not.toContain('+442079460958');
    expect(JSON.stringify(event)).not.toContain('Lovelace');
  });

  it('keeps settings and onboarding, private by default', async () => {
    const ada = await story().candidate('Ada Settings');
    const initial = dataOf(await ada.request<{ viewer: { settings: Record<string, unknown>; onboarding: Record<string, unknown> } }>('{ viewer { settings { profileVisibility searchable marketingEmails weekStartsOn } onboarding { state completedSteps remainingSteps } } }'));
    expect(initial.viewer.settings).toEqual({ profileVisibility: 'MEMBERS', searchable: false, marketingEmails: false, weekStartsOn: 'MONDAY' });
    expect(initial.viewer.onboarding).toEqual({ state: 'NOT_STARTED', completedSteps: [], remainingSteps: ['VERIFY_EMAIL', 'COMPLETE_PROFILE', 'CHOOSE_SETTINGS', 'TAKE_TOUR'] });

    const changed = dataOf(await ada.request<{ updateMySettings: { settings: Record<string, unknown> } }>('mutation { updateMySettings(input: { searchable: true, weekStartsOn: SUNDAY }) { settings { searchable weekStartsOn profileVisibility } errors { code } } }'));
    expect(changed.updateMySettings.settings).toEqual({ searchable: true, weekStartsOn: 'SUNDAY', profileVisibility: 'MEMBERS' });

    const step = dataOf(await ada.request<{ completeOnboardingStep: { user: { onboarding: Record<string, unknown> } } }>('mutation { completeOnboardingStep(input: { step: TAKE_TOUR }) { user { onboarding { state completedSteps } } errors { code } } }'));
    expect(step.completeOnboardingStep.user.onboarding).toEqual({ state: 'IN_PROGRESS', completedSteps: ['TAKE_TOUR'] });
    const manual = dataOf(await ada.request<{ completeOnboardingStep: { errors: { code: string }[] } }>('mutation { completeOnboardingStep(input: { step: VERIFY_EMAIL }) { errors { code } } }'));
    expect(manual.completeOnboardingStep.errors[0]?.code).toBe('STEP_NOT_MANUAL');
  });
});

describe('deactivate and reactivate (ID-13)', () => {
  it('ends every session at once, refuses sign-in and refresh, and reopens with the password', async () => {
    const ada = await story().candidate('Ada Pause');
    const second = await signIn(ada.email);
    const wrong = dataOf(await ada.request<{ deactivateMyAccount: { done: boolean; errors: { code: string }[] } }>('mutation { deactivateMyAccount(input: { password: "not my password" }) { done errors { code } } }'));
    expect(wrong.deactivateMyAccount).toEqual({ done: false, errors: [{ code: 'INVALID_CREDENTIALS' }] });

    const done = dataOf(await ada.request<{ deactivateMyAccount: { done: boolean } }>('mutation ($p: String!) { deactivateMyAccount(input: { password: $p }) { done errors { code } } }', { p: password }));
    expect(done.deactivateMyAccount.done).toBe(true);
    await refusedSoon(ada.accessToken);
    await refusedSoon(second.accessToken);

    const again = await signIn(ada.email);
    expect(again.response).toEqual({ tokens: null, errors: [{ code: 'ACCOUNT_DEACTIVATED' }] });
    const refresh = dataOf(await story().anonymous<{ refreshSession: { errors: { code: string }[] } }>('mutation ($t: String!) { refreshSession(input: { refreshToken: $t }) { errors { code } } }', { t: second.refreshToken }));
    expect(refresh.refreshSession.errors[0]?.code).toBe('INVALID_REFRESH_TOKEN');

    const reopened = dataOf(await story().anonymous<{ reactivateMyAccount: { user: { status: string }; tokens: { accessToken: string } } }>('mutation ($input: ReactivateMyAccountInput!) { reactivateMyAccount(input: $input) { user { status } tokens { accessToken } errors { code } } }', { input: { email: ada.email, password } }));
    expect(reopened.reactivateMyAccount.user.status).toBe('ACTIVE');
    expect(dataOf(await as(reopened.reactivateMyAccount.tokens.accessToken)<{ viewer: { id: string } }>('{ viewer { id } }')).viewer.id).toBe(ada.id);
    const statuses = await eventually(async () => {
      const seen = published.filter((e) => e.type === 'jobgraph.identity.user.status-changed.v1' && e.subject === ada.id);
      return seen.length === 2 ? seen : undefined;
    });
    expect(statuses.map((e) => (e.data as { status: string }).status)).toEqual(['deactivated', 'active']);
  });
});

describe('admins (ID-13)', () => {
  it('refuses every admin operation to a non-admin', async () => {
    const eve = await story().candidate('Eve Pretender');
    const victim = await story().candidate('Victor Victim');
    const attempts = [
      eve.request('{ users(first: 5) { edges { node { id email } } } }'),
      eve.request('mutation ($id: ID!) { suspendUser(input: { userId: $id, reason: "x" }) { errors { code } } }', { id: victim.id }),
      eve.request('mutation ($id: ID!) { reinstateUser(input: { userId: $id }) { errors { code } } }', { id: victim.id }),
      eve.request('mutation ($id: ID!) { grantRole(input: { userId: $id, role: ADMIN }) { errors { code } } }', { id: eve.id }),
      eve.request('mutation ($id: ID!) { revokeRole(input: { userId: $id, role: CANDIDATE }) { errors { code } } }', { id: victim.id }),
      story().anonymous('{ users(first: 5) { edges { node { id } } } }'),
    ];
    for (const response of await Promise.all(attempts)) expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(response.errors?.[0]?.extensions?.code);
    expect(dataOf(await victim.request<{ viewer: { status: string } }>('{ viewer { status } }')).viewer.status).toBe('ACTIVE');
  });

  it('finds, suspends, reinstates, grants and revokes roles, and keeps the last admin', async () => {
    const root = await story().candidate('Root Admin');
    await asAdmin(root);
    const admin = await signIn(root.email);
    const run = as(admin.accessToken);
    const target = await story().recruiter('Rita Findable');

    const found = dataOf(await run<{ users: { edges: { node: { id: string; email: string; status: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>('query ($q: String!) { users(filter: { query: $q, role: RECRUITER, status: ACTIVE }, first: 1) { edges { node { id email status } } pageInfo { hasNextPage endCursor } } }', { q: 'rita.findable' }));
    expect(found.users.edges.map((e) => e.node)).toEqual([{ id: target.id, email: target.email, status: 'ACTIVE' }]);
    const everyone = dataOf(await run<{ users: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>('{ users(first: 1) { edges { node { id } } pageInfo { hasNextPage endCursor } } }'));
    expect(everyone.users.pageInfo.hasNextPage).toBe(true);
    const next = dataOf(await run<{ users: { edges: { node: { id: string } }[] } }>('query ($a: String!) { users(first: 1, after: $a) { edges { node { id } } } }', { a: everyone.users.pageInfo.endCursor }));
    expect(next.users.edges).toHaveLength(1);
    expect((await run('{ users(first: 1000) { edges { node { id } } } }')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const suspended = dataOf(await run<{ suspendUser: { user: { status: string } } }>('mutation ($id: ID!) { suspendUser(input: { userId: $id, reason: "spam" }) { user { status } errors { code } } }', { id: target.id }));
    expect(suspended.suspendUser.user.status).toBe('SUSPENDED');
    await refusedSoon(target.accessToken);
    expect((await signIn(target.email)).response).toEqual({ tokens: null, errors: [{ code: 'ACCOUNT_SUSPENDED' }] });
    const self = dataOf(await run<{ suspendUser: { errors: { code: string }[] } }>('mutation ($id: ID!) { suspendUser(input: { userId: $id, reason: "oops" }) { errors { code } } }', { id: root.id }));
    expect(self.suspendUser.errors[0]?.code).toBe('CANNOT_SUSPEND_SELF');
    const unknown = dataOf(await run<{ suspendUser: { errors: { code: string }[] } }>('mutation { suspendUser(input: { userId: "not-a-uuid", reason: "x" }) { errors { code } } }'));
    expect(unknown.suspendUser.errors[0]?.code).toBe('NOT_FOUND');

    const reinstated = dataOf(await run<{ reinstateUser: { user: { status: string } } }>('mutation ($id: ID!) { reinstateUser(input: { userId: $id }) { user { status } errors { code } } }', { id: target.id }));
    expect(reinstated.reinstateUser.user.status).toBe('ACTIVE');
    expect((await signIn(target.email)).accessToken).not.toBe('');

    const granted = dataOf(await run<{ grantRole: { user: { roles: string[] } } }>('mutation ($id: ID!) { grantRole(input: { userId: $id, role: ADMIN }) { user { roles } errors { code } } }', { id: target.id }));
    expect(granted.grantRole.user.roles).toEqual(['RECRUITER', 'ADMIN']);
    const revoked = dataOf(await run<{ revokeRole: { user: { roles: string[] } } }>('mutation ($id: ID!) { revokeRole(input: { userId: $id, role: ADMIN }) { user { roles } errors { code } } }', { id: target.id }));
    expect(revoked.revokeRole.user.roles).toEqual(['RECRUITER']);
    const last = dataOf(await run<{ revokeRole: { errors: { code: string }[] } }>('mutation ($id: ID!) { revokeRole(input: { userId: $id, role: ADMIN }) { errors { code } } }', { id: root.id }));
    expect(last.revokeRole.errors[0]?.code).toBe('LAST_ADMIN');
    const lastRole = dataOf(await run<{ revokeRole: { errors: { code: string }[] } }>('mutation ($id: ID!) { revokeRole(input: { userId: $id, role: RECRUITER }) { errors { code } } }', { id: target.id }));
    expect(lastRole.revokeRole.errors[0]?.code).toBe('LAST_ROLE');

    const roleEvents = await eventually(async () => {
      const seen = published.filter((e) => e.type === 'jobgraph.identity.user.roles-changed.v1' && e.subject === target.id);
      return seen.length === 2 ? seen : undefined;
    });
    expect(roleEvents.map((e) => e.data)).toMatchObject([{ granted: ['admin'], changedBy: root.id }, { revoked: ['admin'] }]);
  });
});

describe('the auth log and the plan claim (ID-10, ID-21)', () => {
  it('shows a user’s auth log to the user and to admins, and to no one else', async () => {
    const admin = await story().candidate('Ada Auditor');
    await asAdmin(admin);
    const asAdminNow = await signIn(admin.email);
    const cy = await story().candidate('Cy Audited');
    await signIn(cy.email, 'Cy Laptop/2.0');
    const query = 'query ($q: String!) { users(filter: { query: $q }, first: 5) { edges { node { id authEvents(first: 10) { edges { node { event userAgent ipNetwork } } } } } } }';
    const seen = dataOf(await as(asAdminNow.accessToken)<{ users: { edges: { node: { id: string; authEvents: { edges: { node: { event: string; userAgent: string | null } }[] } } }[] } }>(query, { q: cy.email }));
    expect(seen.users.edges.map((e) => e.node.id)).toEqual([cy.id]);
    expect(seen.users.edges[0]?.node.authEvents.edges.map((e) => e.node.event)).toEqual(['sign_in', 'sign_up']);
    expect(seen.users.edges[0]?.node.authEvents.edges[0]?.node.userAgent).toBe('Cy Laptop/2.0');
    const refused = await as(cy.accessToken)(query, { q: admin.email });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The same log a page at a time: each cursor continues where the last page ended.
    type Log = { edges: { node: { event: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    type Page = { users: { edges: { node: { authEvents: Log } }[] } };
    const pageQuery = 'query ($q: String!, $after: String) { users(filter: { query: $q }, first: 1) { edges { node { authEvents(first: 1, after: $after) { edges { node { event } } pageInfo { hasNextPage endCursor } } } } } }';
    const logOf = async (after?: string | null) => dataOf(await as(asAdminNow.accessToken)<Page>(pageQuery, { q: cy.email, after })).users.edges[0]!.node.authEvents;
    const first = await logOf();
    const second = await logOf(first.pageInfo.endCursor);
    expect([first.edges[0]?.node.event, first.pageInfo.hasNextPage, second.edges[0]?.node.event, second.pageInfo.hasNextPage]).toEqual(['sign_in', true, 'sign_up', false]);
  });

  it('puts the plan billing opened for a new account into its next access token', async () => {
    const ada = await story().candidate('Ada Planned');
    // Billing opens the Free subscription on UserRegistered; identity keeps the plan from EntitlementsChanged.
    let current = ada.refreshToken;
    const plan = await eventually(async () => {
      const refreshed = dataOf(await story().anonymous<{ refreshSession: { tokens: { accessToken: string; refreshToken: string } } }>('mutation ($t: String!) { refreshSession(input: { refreshToken: $t }) { tokens { accessToken refreshToken } errors { code } } }', { t: current }));
      current = refreshed.refreshSession.tokens.refreshToken;
      return decodeJwt(refreshed.refreshSession.tokens.accessToken).plan ?? undefined;
    }, 15_000);
    expect(plan).toBe('free');
    expect(decodeJwt(ada.accessToken).plan).toBeNull();
  });
});

describe('sessions (ID-05, ID-10)', () => {
  it('lists my sessions with device and network, revokes one, and its access token stops within seconds', async () => {
    const ada = await story().candidate('Ada Devices');
    const phone = await signIn(ada.email, 'Phone Browser/1.0');
    const list = dataOf(await ada.request<{ viewer: { sessions: { edges: { node: { id: string; userAgent: string; ipNetwork: string; current: boolean } }[] } } }>('{ viewer { sessions(first: 10) { edges { node { id userAgent ipNetwork current createdAt lastUsedAt } } } } }'));
    const sessions = list.viewer.sessions.edges.map((e) => e.node);
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const phoneSession = sessions.find((s) => s.userAgent === 'Phone Browser/1.0');
    expect(phoneSession).toMatchObject({ current: false, ipNetwork: '127.0.0.0/24' });

    // Another user's session id is not found, and that session lives on.
    const bob = await story().candidate('Bob Other');
    const theirs = dataOf(await bob.request<{ revokeSession: { done: boolean; errors: { code: string }[] } }>('mutation ($id: ID!) { revokeSession(input: { sessionId: $id }) { done errors { code } } }', { id: phoneSession?.id }));
    expect(theirs.revokeSession).toEqual({ done: false, errors: [{ code: 'NOT_FOUND' }] });
    expect((await as(phone.accessToken)('{ viewer { id } }')).status).toBe(200);

    const revoked = dataOf(await ada.request<{ revokeSession: { done: boolean } }>('mutation ($id: ID!) { revokeSession(input: { sessionId: $id }) { done errors { code } } }', { id: phoneSession?.id }));
    expect(revoked.revokeSession.done).toBe(true);
    await refusedSoon(phone.accessToken);
    expect((await ada.request('{ viewer { id } }')).status).toBe(200);

    const log = dataOf(await ada.request<{ viewer: { authEvents: { edges: { node: { event: string; ipNetwork: string; userAgent: string } }[] } } }>('{ viewer { authEvents(first: 10) { edges { node { event ipNetwork userAgent occurredAt } } } } }'));
    expect(log.viewer.authEvents.edges.map((e) => e.node.event)).toEqual(['session_revoked', 'sign_in', 'sign_up']);
    expect(log.viewer.authEvents.edges[1]?.node).toMatchObject({ ipNetwork: '127.0.0.0/24', userAgent: 'Phone Browser/1.0' });
  });

  it('signOut stops the access token, not only the refresh token; signOutEverywhere ends them all', async () => {
    const ada = await story().candidate('Ada Leaves');
    const other = await signIn(ada.email);
    const out = dataOf(await ada.request<{ signOut: { signedOut: boolean } }>('mutation { signOut { signedOut errors { code } } }'));
    expect(out.signOut.signedOut).toBe(true);
    await refusedSoon(ada.accessToken);
    expect((await as(other.accessToken)('{ viewer { id } }')).status).toBe(200);

    const third = await signIn(ada.email);
    const all = dataOf(await as(third.accessToken)<{ signOutEverywhere: { revokedSessions: number } }>('mutation { signOutEverywhere { revokedSessions errors { code } } }'));
    expect(all.signOutEverywhere.revokedSessions).toBe(2);
    await refusedSoon(other.accessToken);
    await refusedSoon(third.accessToken);
  });

  it('believes x-forwarded-for only from a configured proxy', async () => {
    const ada = await story().candidate('Ada Proxied');
    const behindProxy = await story().stack.startGateway({ trustedProxies: ['127.0.0.1'] });
    const signInVia = async (url: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': `Via ${url}`, 'x-forwarded-for': '198.51.100.7' },
        body: JSON.stringify({ query: 'mutation ($input: SignInInput!) { signIn(input: $input) { tokens { accessToken } } }', variables: { input: { email: ada.email, password } } }),
      });
      expect(response.status).toBe(200);
    };
    await signInVia(behindProxy.url);
    await signInVia(story().stack.gatewayUrl);
    const sessions = dataOf(await ada.request<{ viewer: { sessions: { edges: { node: { userAgent: string; ipNetwork: string } }[] } } }>('{ viewer { sessions(first: 10) { edges { node { userAgent ipNetwork } } } } }'));
    const networkVia = (url: string) => sessions.viewer.sessions.edges.find((e) => e.node.userAgent === `Via ${url}`)?.node.ipNetwork;
    // Behind a trusted proxy, the client named in the header; elsewhere the header is anyone's to write, so the peer counts.
    expect(networkVia(behindProxy.url)).toBe('198.51.100.0/24');
    expect(networkVia(story().stack.gatewayUrl)).toBe('127.0.0.0/24');
  });

  it('publishes session and auth events that match their schemas, without emails or addresses', async () => {
    const validate = eventContracts();
    await eventually(async () => published.some((e) => e.type === 'jobgraph.identity.session.revoked.v1') && published.some((e) => e.type === 'jobgraph.identity.auth.recorded.v1'));
    for (const event of published) {
      expect(validate(event), event.type).toEqual([]);
      expect(JSON.stringify(event.data), event.type).not.toMatch(emailPattern);
      expect(JSON.stringify(event.data), event.type).not.toContain('127.0.0');
    }
  });
});
