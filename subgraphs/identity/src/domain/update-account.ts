import { UserUpdated, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { Kysely } from 'kysely';
import type { Database, User, UserSettings } from '../db/types.ts';
import type { IdentityDeps } from './deps.ts';
import { onboardingOf, type OnboardingStepName } from './onboarding.ts';
import { profileCompletion } from './profile-completion.ts';
import { profileColumns, type ProfileChanges } from './profile-fields.ts';
import { mergeSettings } from './settings.ts';

const notFound = () => fail(userError('NOT_FOUND', 'This account no longer exists.'));

async function announce(trx: Kysely<Database>, user: User, changed: readonly string[]): Promise<void> {
  if (changed.length === 0) return;
  await appendToOutbox(trx, [pendingEvent(UserUpdated, user.id, { userId: user.id, changed, profileCompletion: profileCompletion(user), updatedAt: user.updated_at.toISOString() })]);
}

/** The signed-in user edits their own profile (ID-11). */
export async function updateAccount(deps: IdentityDeps, userId: string, changes: ProfileChanges): Promise<Outcome<User>> {
  const parsed = profileColumns(changes);
  if ('errors' in parsed) return fail(...parsed.errors);
  return deps.db.transaction().execute(async (trx) => {
    const user = await trx
      .updateTable('users')
      .set({ ...parsed.columns, updated_at: new Date() })
      .where('id', '=', userId)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!user) return notFound();
    await announce(trx, user, parsed.changed);
    return succeed(user);
  });
}

/** Privacy and general preferences (ID-16). */
export async function updateSettings(deps: IdentityDeps, userId: string, changes: Partial<Record<keyof UserSettings, UserSettings[keyof UserSettings] | null>>): Promise<Outcome<User>> {
  return deps.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('users').select('settings').where('id', '=', userId).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
    if (!current) return notFound();
    const { settings, changed } = mergeSettings(current.settings, changes as Parameters<typeof mergeSettings>[1]);
    const user = await trx.updateTable('users').set({ settings: JSON.stringify(settings), updated_at: new Date() }).where('id', '=', userId).returningAll().executeTakeFirstOrThrow();
    if (changed.length > 0) await announce(trx, user, ['settings']);
    return succeed(user);
  });
}

/** Marks an onboarding step done (ID-12); the whole onboarding completes with its last step. */
export async function completeOnboardingStep(deps: IdentityDeps, userId: string, step: OnboardingStepName): Promise<Outcome<User>> {
  if (step === 'verify_email') return fail(userError('STEP_NOT_MANUAL', 'Follow the link in the verification mail to do this step.', ['input', 'step']));
  return deps.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('users').selectAll().where('id', '=', userId).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
    if (!current) return notFound();
    if (current.onboarding_steps.includes(step)) return succeed(current);
    const steps = [...current.onboarding_steps, step];
    const done = onboardingOf({ email_verified_at: current.email_verified_at, onboarding_steps: steps }).state === 'completed';
    const user = await trx
      .updateTable('users')
      .set({ onboarding_steps: steps, onboarded_at: done ? new Date() : null, updated_at: new Date() })
      .where('id', '=', userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await announce(trx, user, ['onboarding']);
    return succeed(user);
  });
}
