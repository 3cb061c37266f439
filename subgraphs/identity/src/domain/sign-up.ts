import { UserRegistered, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { DbRole, User } from '../db/types.ts';
import { sendAccountMail } from '../mail/send-account-mail.ts';
import { recordAuthEvent } from './auth-log.ts';
import type { ClientInfo } from './client-info.ts';
import type { IdentityDeps } from './deps.ts';
import { normalizeDisplayName } from './display-name.ts';
import { hashPassword } from './password-hash.ts';
import { passwordWeakness } from './password-policy.ts';
import { openSession, type SessionTokens } from './session-tokens.ts';

export interface SignUpCommand {
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
  readonly role: Exclude<DbRole, 'admin'>;
  readonly client: ClientInfo;
}

export interface SignedIn {
  readonly user: User;
  readonly tokens: SessionTokens;
}

export async function signUp(deps: IdentityDeps, command: SignUpCommand): Promise<Outcome<SignedIn>> {
  const email = command.email.trim().toLowerCase();
  const errors = [passwordWeakness(command.password, email)].filter((e) => e !== null);
  const displayName = normalizeDisplayName(command.displayName);
  if ('error' in displayName) errors.push(displayName.error);
  if (errors.length > 0 || 'error' in displayName) return fail(...errors);

  const passwordHash = await hashPassword(command.password, deps.config.PASSWORD_HASH_LOG_N);
  return deps.db.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto('users')
      .values({ email, display_name: displayName.name, roles: [command.role] })
      .onConflict((oc) => oc.column('email').where('deleted_at', 'is', null).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!user) return fail(userError('EMAIL_TAKEN', 'An account with this email exists already. Sign in instead.', ['input', 'email']));
    await trx.insertInto('credentials').values({ user_id: user.id, password_hash: passwordHash }).execute();
    await recordAuthEvent(trx, { userId: user.id, event: 'sign_up', client: command.client });
    await appendToOutbox(trx, [pendingEvent(UserRegistered, user.id, { userId: user.id, roles: user.roles, registeredAt: user.created_at.toISOString() })]);
    await sendAccountMail(trx, deps.config, user, 'verify_email', user.email);
    const tokens = await openSession(deps, trx, user, command.client);
    return succeed({ user, tokens });
  });
}
