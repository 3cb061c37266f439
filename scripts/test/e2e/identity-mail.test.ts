import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { createInProcessTransport, createLogger } from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import { dataOf, graphql } from './graphql-client.ts';
import { linkIn, mailTo, receive, smtpEnv, tokenIn } from './mailbox.ts';
import { useStory } from './story.ts';

const story = useStory({
  env: { ...process.env, ...smtpEnv(), APP_URL: 'https://app.jobgraph.test', RESET_REQUEST_MIN_MS: '300' },
  events: () => createInProcessTransport(createLogger('events', 'silent')),
});

const password = 'a long and unusual passphrase';
const newPassword = 'another quite different passphrase';

async function admin<T>(query: (db: ReturnType<typeof createKysely<unknown>>) => Promise<T>): Promise<T> {
  const db = createKysely<unknown>({ url: story().database.adminUrl, maxConnections: 1 });
  try {
    return await query(db);
  } finally {
    await db.destroy();
  }
}

const as = (token?: string) => <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => graphql<T>(story().stack.gatewayUrl, query, variables, token);
const verify = 'mutation ($t: String!) { verifyEmail(input: { token: $t }) { user { id emailVerified } errors { code } } }';
const reset = 'mutation ($t: String!, $p: String!) { resetPassword(input: { token: $t, newPassword: $p }) { done errors { code field } } }';
const signIn = 'mutation ($e: EmailAddress!, $p: String!) { signIn(input: { email: $e, password: $p }) { tokens { accessToken } errors { code } } }';

interface Verify { verifyEmail: { user: { id: string; emailVerified: boolean } | null; errors: { code: string }[] } }
interface Done { [key: string]: { done: boolean; errors: { code: string; field: string[] }[] } }
interface SignIn { signIn: { tokens: { accessToken: string } | null; errors: { code: string }[] } }

describe('email verification over SMTP (ID-06)', () => {
  it('mails a link at sign-up that verifies the address once', async () => {
    const ada = await story().candidate('Ada Verify');
    const mail = await receive(ada.email, /Confirm your email/);
    expect(mail.from[0]?.address).toBe('no-reply@jobgraph.local');
    expect(mail.text).toContain('Hello Ada Verify');
    expect(mail.html).toContain(`href="${linkIn(mail).toString().replace(/&/g, '&amp;')}"`);
    expect(linkIn(mail).origin + linkIn(mail).pathname).toBe('https://app.jobgraph.test/verify-email');

    const first = dataOf(await as()<Verify>(verify, { t: tokenIn(mail) }));
    expect(first.verifyEmail).toEqual({ user: { id: ada.id, emailVerified: true }, errors: [] });
    const second = dataOf(await as()<Verify>(verify, { t: tokenIn(mail) }));
    expect(second.verifyEmail.errors[0]?.code).toBe('TOKEN_USED');
    const again = dataOf(await ada.request<Done>('mutation { requestEmailVerification { done errors { code } } }'));
    expect(again.requestEmailVerification?.errors[0]?.code).toBe('ALREADY_VERIFIED');
  });

  it('refuses a token for another account, a made-up one and an expired one', async () => {
    const ada = await story().candidate('Ada Target');
    const bob = await story().candidate('Bob Intruder');
    const token = tokenIn(await receive(ada.email, /Confirm your email/));

    const stolen = dataOf(await bob.request<Verify>(verify, { t: token }));
    expect(stolen.verifyEmail).toEqual({ user: null, errors: [{ code: 'INVALID_TOKEN' }] });
    const madeUp = dataOf(await as()<Verify>(verify, { t: 'x'.repeat(43) }));
    expect(madeUp.verifyEmail.errors[0]?.code).toBe('INVALID_TOKEN');
    const huge = dataOf(await as()<Verify>(verify, { t: 'x'.repeat(10_000) }));
    expect(huge.verifyEmail.errors[0]?.code).toBe('INVALID_TOKEN');
    expect(dataOf(await bob.request<{ viewer: { emailVerified: boolean } }>('{ viewer { emailVerified } }')).viewer.emailVerified).toBe(false);

    // A new mail replaces the old link; the new one expires after its time.
    dataOf(await ada.request('mutation { requestEmailVerification { done errors { code } } }'));
    const fresh = tokenIn(await receive(ada.email, /Confirm your email/, 2));
    expect(dataOf(await as()<Verify>(verify, { t: token })).verifyEmail.errors[0]?.code).toBe('INVALID_TOKEN');
    await admin((db) => sql`update identity.account_tokens set expires_at = now() - interval '1 second', created_at = now() - interval '1 hour' where user_id = ${ada.id}::uuid`.execute(db));
    expect(dataOf(await as()<Verify>(verify, { t: fresh })).verifyEmail.errors[0]?.code).toBe('TOKEN_EXPIRED');
  });
});

describe('password reset and change (ID-07)', () => {
  it('answers a reset request alike, in the same time, whether or not the address has an account', async () => {
    const ada = await story().candidate('Ada Forgets');
    const ask = async (email: string) => {
      const started = performance.now();
      const result = dataOf(await as()<Done>('mutation ($e: EmailAddress!) { requestPasswordReset(input: { email: $e }) { done errors { code } } }', { e: email }));
      return { answer: result.requestPasswordReset, ms: performance.now() - started };
    };
    const known = await ask(ada.email);
    const unknown = await ask('nobody.at.all@example.com');
    expect(unknown.answer).toEqual(known.answer);
    expect(known.answer).toEqual({ done: true, errors: [] });
    for (const { ms } of [known, unknown]) expect(ms).toBeGreaterThanOrEqual(295);
    expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(200);
    await receive(ada.email, /Reset your Jobgraph password/);
    expect(await mailTo('nobody.at.all@example.com')).toEqual([]);
  });

  it('resets by the mailed link: every session ends, the old password stops, the link works once', async () => {
    const ada = await story().candidate('Ada Resets');
    dataOf(await as()('mutation ($e: EmailAddress!) { requestPasswordReset(input: { email: $e }) { done errors { code } } }', { e: ada.email }));
    const mail = await receive(ada.email, /Reset your Jobgraph password/);
    expect(linkIn(mail).pathname).toBe('/reset-password');

    const weak = dataOf(await as()<Done>(reset, { t: tokenIn(mail), p: 'short' }));
    expect(weak.resetPassword?.errors[0]).toEqual({ code: 'WEAK_PASSWORD', field: ['input', 'newPassword'] });
    const done = dataOf(await as()<Done>(reset, { t: tokenIn(mail), p: newPassword }));
    expect(done.resetPassword).toEqual({ done: true, errors: [] });

    await eventually(async () => (await ada.request('{ viewer { id } }')).status === 401, 5_000);
    expect(dataOf(await as()<SignIn>(signIn, { e: ada.email, p: password })).signIn.errors[0]?.code).toBe('INVALID_CREDENTIALS');
    expect(dataOf(await as()<SignIn>(signIn, { e: ada.email, p: newPassword })).signIn.tokens).not.toBeNull();
    const twice = dataOf(await as()<Done>(reset, { t: tokenIn(mail), p: 'yet another different passphrase' }));
    expect(twice.resetPassword?.errors[0]?.code).toBe('TOKEN_USED');
  });

  it('refuses a reset link for another account, a verification link, and an expired link', async () => {
    const ada = await story().candidate('Ada Reset Target');
    const bob = await story().candidate('Bob Reset Thief');
    dataOf(await as()('mutation ($e: EmailAddress!) { requestPasswordReset(input: { email: $e }) { done } }', { e: ada.email }));
    const token = tokenIn(await receive(ada.email, /Reset your Jobgraph password/));
    // Signed in as someone else, the link is not theirs.
    expect(dataOf(await bob.request<Done>(reset, { t: token, p: newPassword })).resetPassword?.errors[0]?.code).toBe('INVALID_TOKEN');
    // A verification link is no reset link.
    const verification = tokenIn(await receive(ada.email, /Confirm your email/));
    expect(dataOf(await as()<Done>(reset, { t: verification, p: newPassword })).resetPassword?.errors[0]?.code).toBe('INVALID_TOKEN');
    await admin((db) => sql`update identity.account_tokens set expires_at = now() - interval '1 second', created_at = now() - interval '2 hours' where user_id = ${ada.id}::uuid and purpose = 'reset_password'`.execute(db));
    expect(dataOf(await as()<Done>(reset, { t: token, p: newPassword })).resetPassword?.errors[0]?.code).toBe('TOKEN_EXPIRED');
    expect(dataOf(await as()<SignIn>(signIn, { e: ada.email, p: password })).signIn.tokens).not.toBeNull();
  });

  it('changes the password while signed in and ends every other session', async () => {
    const ada = await story().candidate('Ada Changes');
    const other = dataOf(await as()<SignIn>(signIn, { e: ada.email, p: password })).signIn.tokens?.accessToken ?? '';
    const change = 'mutation ($c: String!, $n: String!) { changePassword(input: { currentPassword: $c, newPassword: $n }) { done errors { code } } }';
    const wrong = dataOf(await ada.request<Done>(change, { c: 'not the password', n: newPassword }));
    expect(wrong.changePassword?.errors[0]?.code).toBe('INVALID_CREDENTIALS');
    const done = dataOf(await ada.request<Done>(change, { c: password, n: newPassword }));
    expect(done.changePassword).toEqual({ done: true, errors: [] });
    await eventually(async () => (await as(other)('{ viewer { id } }')).status === 401, 5_000);
    expect((await ada.request('{ viewer { id } }')).status).toBe(200);
  });
});

describe('changing the email address (ID-06)', () => {
  it('counts the new address only after its link is followed', async () => {
    const ada = await story().candidate('Ada Moves');
    const bob = await story().candidate('Bob Taken');
    const newEmail = `ada.moved.${Date.now()}@example.com`;
    const ask = 'mutation ($e: EmailAddress!, $p: String!) { requestEmailChange(input: { newEmail: $e, password: $p }) { done errors { code } } }';
    expect(dataOf(await ada.request<Done>(ask, { e: bob.email, p: password })).requestEmailChange?.errors[0]?.code).toBe('EMAIL_TAKEN');
    expect(dataOf(await ada.request<Done>(ask, { e: newEmail, p: 'wrong password' })).requestEmailChange?.errors[0]?.code).toBe('INVALID_CREDENTIALS');
    expect(dataOf(await ada.request<Done>(ask, { e: newEmail, p: password })).requestEmailChange?.done).toBe(true);

    const mail = await receive(newEmail, /Confirm your new email/);
    expect(dataOf(await ada.request<{ viewer: { email: string } }>('{ viewer { email } }')).viewer.email).toBe(ada.email);
    const confirm = 'mutation ($t: String!) { confirmEmailChange(input: { token: $t }) { user { email emailVerified } errors { code } } }';
    // The verification link of the sign-up is for the old address and cannot verify the new one.
    const oldLink = tokenIn(await receive(ada.email, /Confirm your email/));
    expect(dataOf(await as()<{ confirmEmailChange: { errors: { code: string }[] } }>(confirm, { t: oldLink })).confirmEmailChange.errors[0]?.code).toBe('INVALID_TOKEN');

    const done = dataOf(await as()<{ confirmEmailChange: { user: { email: string; emailVerified: boolean } } }>(confirm, { t: tokenIn(mail) }));
    expect(done.confirmEmailChange.user).toEqual({ email: newEmail, emailVerified: true });
    expect(dataOf(await as()<SignIn>(signIn, { e: newEmail, p: password })).signIn.tokens).not.toBeNull();
    expect(dataOf(await as()<SignIn>(signIn, { e: ada.email, p: password })).signIn.errors[0]?.code).toBe('INVALID_CREDENTIALS');
  });

  it('logs every message it sent in the mail outbox', async () => {
    const rows = await admin(async (db) => (await sql<{ status: string; n: number }>`select status, count(*)::int as n from identity.mail_outbox group by status`.execute(db)).rows);
    expect(rows.find((r) => r.status === 'sent')?.n).toBeGreaterThan(5);
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
  });
});

describe('throttling (item 5)', () => {
  it('stops 50 wrong passwords after the limit, with a retry-after, even for the right password', async () => {
    const ada = await story().candidate('Ada Guessed');
    const codes: string[] = [];
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const answer = dataOf(await as()<SignIn>(signIn, { e: ada.email, p: `wrong guess number ${attempt}` }));
      codes.push(answer.signIn.errors[0]?.code ?? 'NONE');
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill('INVALID_CREDENTIALS'));
    expect(codes.slice(10)).toEqual(Array(40).fill('TOO_MANY_ATTEMPTS'));
    const right = await as()<{ signIn: { errors: { code: string; message: string }[] } }>('mutation ($e: EmailAddress!, $p: String!) { signIn(input: { email: $e, password: $p }) { errors { code message } } }', { e: ada.email, p: password });
    expect(dataOf(right).signIn.errors[0]?.code).toBe('TOO_MANY_ATTEMPTS');
    const retryAfter = Number(/retry-after: (\d+)/.exec(dataOf(right).signIn.errors[0]?.message ?? '')?.[1]);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Another account from the same network still signs in: the per-network limit counts failures only.
    const bob = await story().candidate('Bob Unaffected');
    expect(dataOf(await as()<SignIn>(signIn, { e: bob.email, p: password })).signIn.tokens).not.toBeNull();
  });

  it('limits verification mails per account', async () => {
    const ada = await story().candidate('Ada Verifies Often');
    const ask = async () => dataOf(await ada.request<Done>('mutation { requestEmailVerification { done errors { code } } }')).requestEmailVerification;
    for (let i = 0; i < 5; i += 1) expect(await ask()).toEqual({ done: true, errors: [] });
    expect(await ask()).toEqual({ done: false, errors: [{ code: 'TOO_MANY_ATTEMPTS' }] });
  });

  it('limits reset requests per address, known or not, with the same answer', async () => {
    const ask = async (email: string) => dataOf(await as()<Done>('mutation ($e: EmailAddress!) { requestPasswordReset(input: { email: $e }) { done errors { code } } }', { e: email })).requestPasswordReset;
    const ada = await story().candidate('Ada Floods');
    for (const email of [ada.email, 'no.account.flood@example.com']) {
      for (let i = 0; i < 5; i += 1) expect(await ask(email)).toEqual({ done: true, errors: [] });
      expect(await ask(email)).toEqual({ done: false, errors: [{ code: 'TOO_MANY_ATTEMPTS' }] });
    }
  });
});
