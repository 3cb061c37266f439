import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { User } from '../db/types.ts';
import { changeStatus } from './account-status.ts';
import { recordAuthEvent } from './auth-log.ts';
import type { ClientInfo } from './client-info.ts';
import type { IdentityDeps } from './deps.ts';
import { hashCost, hashPassword, verifyPassword } from './password-hash.ts';
import { openSession } from './session-tokens.ts';
import { blockedFor, clearAttempts, countAttempt, tooManyAttempts, type ThrottleRule } from './throttle.ts';
import type { SignedIn } from './sign-up.ts';

export interface SignInCommand {
  readonly email: string;
  readonly password: string;
  readonly client: ClientInfo;
}

/** One answer for an unknown email and a wrong password, so sign-in reveals no accounts. */
const invalidCredentials = () => fail(userError('INVALID_CREDENTIALS', 'The email or the password is not right.'));

let decoyHash: Promise<string> | undefined;

/** Failed sign-ins are limited per address tried and per client network (item 5). */
function signInRules(deps: IdentityDeps, email: string, client: ClientInfo): ThrottleRule[] {
  const rules: ThrottleRule[] = [{ action: 'sign_in:account', subject: email, limit: deps.config.SIGN_IN_FAILURES_PER_ACCOUNT }];
  if (client.ipNetwork) rules.push({ action: 'sign_in:ip', subject: client.ipNetwork, limit: deps.config.SIGN_IN_FAILURES_PER_IP });
  return rules;
}

/** The account whose password this is, after a check that costs the same when there is none. */
async function checkPassword(deps: IdentityDeps, command: SignInCommand): Promise<Outcome<{ user: User; passwordHash: string }>> {
  const email = command.email.trim().toLowerCase();
  const rules = signInRules(deps, email, command.client);
  const wait = await blockedFor(deps.db, rules);
  if (wait !== null) return tooManyAttempts(wait);
  const outcome = await checkPasswordOf(deps, email, command);
  if (outcome.ok) await clearAttempts(deps.db, rules.slice(0, 1));
  else await countAttempt(deps.db, rules, deps.config.THROTTLE_WINDOW_SECONDS);
  return outcome;
}

async function checkPasswordOf(deps: IdentityDeps, email: string, command: SignInCommand): Promise<Outcome<{ user: User; passwordHash: string }>> {
  const found = await deps.db
    .selectFrom('users')
    .innerJoin('credentials', 'credentials.user_id', 'users.id')
    .selectAll('users')
    .select('credentials.password_hash')
    .where('users.email', '=', email)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();

  if (!found) {
    // Spend the same time as a real check, so timing does not reveal the account either.
    decoyHash ??= hashPassword('decoy-password-never-matches', deps.config.PASSWORD_HASH_LOG_N);
    await verifyPassword(command.password, await decoyHash);
    await recordAuthEvent(deps.db, { userId: null, event: 'sign_in_failed', client: command.client });
    return invalidCredentials();
  }
  const { password_hash: passwordHash, ...user } = found;
  if (!(await verifyPassword(command.password, passwordHash))) {
    await recordAuthEvent(deps.db, { userId: user.id, event: 'sign_in_failed', client: command.client });
    return invalidCredentials();
  }
  return succeed({ user, passwordHash });
}

async function openFor(deps: IdentityDeps, user: User, passwordHash: string, password: string, client: ClientInfo, reactivate: boolean): Promise<Outcome<SignedIn>> {
  const rehash = hashCost(passwordHash) !== deps.config.PASSWORD_HASH_LOG_N ? await hashPassword(password, deps.config.PASSWORD_HASH_LOG_N) : null;
  return deps.db.transaction().execute(async (trx) => {
    if (rehash) await trx.updateTable('credentials').set({ password_hash: rehash, updated_at: new Date() }).where('user_id', '=', user.id).execute();
    if (reactivate) await changeStatus(trx, user, 'active', null, client);
    const signedIn = await trx.updateTable('users').set({ last_sign_in_at: new Date() }).where('id', '=', user.id).returningAll().executeTakeFirstOrThrow();
    await recordAuthEvent(trx, { userId: user.id, event: 'sign_in', client });
    const tokens = await openSession(deps, trx, signedIn, client);
    return succeed({ user: signedIn, tokens });
  });
}

/** A closed account is named only to whoever knows its password. */
export function closed(user: User): Outcome<never> | null {
  if (user.status === 'deactivated') return fail(userError('ACCOUNT_DEACTIVATED', 'This account is deactivated. Reactivate it to sign in.'));
  if (user.status === 'suspended') return fail(userError('ACCOUNT_SUSPENDED', 'This account is suspended. Contact support.'));
  return null;
}

export async function signIn(deps: IdentityDeps, command: SignInCommand): Promise<Outcome<SignedIn>> {
  const checked = await checkPassword(deps, command);
  if (!checked.ok) return checked;
  const refusal = closed(checked.value.user);
  if (refusal) {
    await recordAuthEvent(deps.db, { userId: checked.value.user.id, event: 'sign_in_refused', client: command.client });
    return refusal;
  }
  return openFor(deps, checked.value.user, checked.value.passwordHash, command.password, command.client, false);
}

/** Reopens a deactivated account and signs it in (ID-13). A suspended one stays closed. */
export async function reactivateAccount(deps: IdentityDeps, command: SignInCommand): Promise<Outcome<SignedIn>> {
  const checked = await checkPassword(deps, command);
  if (!checked.ok) return checked;
  const { user, passwordHash } = checked.value;
  if (user.status === 'suspended') return closed(user) ?? invalidCredentials();
  return openFor(deps, user, passwordHash, command.password, command.client, user.status === 'deactivated');
}
