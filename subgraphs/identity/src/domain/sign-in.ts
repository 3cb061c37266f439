import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { IdentityDeps } from './deps.ts';
import { hashCost, hashPassword, verifyPassword } from './password-hash.ts';
import { openSession } from './session-tokens.ts';
import type { SignedIn } from './sign-up.ts';

export interface SignInCommand {
  readonly email: string;
  readonly password: string;
  readonly userAgent: string | null;
}

/** One answer for an unknown email and a wrong password, so sign-in reveals no accounts. */
const invalidCredentials = () => fail(userError('INVALID_CREDENTIALS', 'The email or the password is not right.'));

let decoyHash: Promise<string> | undefined;

export async function signIn(deps: IdentityDeps, command: SignInCommand): Promise<Outcome<SignedIn>> {
  const email = command.email.trim().toLowerCase();
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
    await deps.db.insertInto('auth_events').values({ user_id: null, event: 'sign_in_failed', user_agent: command.userAgent }).execute();
    return invalidCredentials();
  }
  const { password_hash: passwordHash, ...user } = found;
  if (!(await verifyPassword(command.password, passwordHash))) {
    await deps.db.insertInto('auth_events').values({ user_id: user.id, event: 'sign_in_failed', user_agent: command.userAgent }).execute();
    return invalidCredentials();
  }

  const rehash = hashCost(passwordHash) !== deps.config.PASSWORD_HASH_LOG_N ? await hashPassword(command.password, deps.config.PASSWORD_HASH_LOG_N) : null;
  return deps.db.transaction().execute(async (trx) => {
    if (rehash) await trx.updateTable('credentials').set({ password_hash: rehash, updated_at: new Date() }).where('user_id', '=', user.id).execute();
    const signedIn = await trx.updateTable('users').set({ last_sign_in_at: new Date() }).where('id', '=', user.id).returningAll().executeTakeFirstOrThrow();
    await trx.insertInto('auth_events').values({ user_id: user.id, event: 'sign_in', user_agent: command.userAgent }).execute();
    const tokens = await openSession(deps, trx, signedIn, command.userAgent);
    return succeed({ user: signedIn, tokens });
  });
}
