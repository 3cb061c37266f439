import { requireUser } from '@jobgraph/kit';
import { deactivateAccount } from '../domain/account-status.ts';
import type { IdentityDeps } from '../domain/deps.ts';
import type { OnboardingStepName } from '../domain/onboarding.ts';
import { resolveSettings } from '../domain/settings.ts';
import { reactivateAccount } from '../domain/sign-in.ts';
import { completeOnboardingStep, updateAccount, updateSettings } from '../domain/update-account.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { authPayload } from './auth-payload.ts';
import { clientInfo } from './client.ts';
import { donePayload, userPayload } from './payloads.ts';
import { toSettingsView } from './user-settings.ts';

const lower = <T extends string>(value: T | null | undefined) => (value == null ? value : (value.toLowerCase() as Lowercase<T>));

/** The signed-in user's own account: profile, settings, onboarding, deactivation (ID-11, ID-12, ID-13, ID-16). */
export function accountMutations(deps: IdentityDeps): MutationResolvers {
  return {
    updateMyAccount: async (_parent, { input }, { principal }) => userPayload(await updateAccount(deps, requireUser(principal).userId, input)),
    updateMySettings: async (_parent, { input }, { principal }) => {
      const outcome = await updateSettings(deps, requireUser(principal).userId, {
        ...input,
        profileVisibility: lower(input.profileVisibility),
        weekStartsOn: lower(input.weekStartsOn),
      });
      return outcome.ok ? { settings: toSettingsView(resolveSettings(outcome.value.settings)), errors: [] } : { settings: null, errors: userPayload(outcome).errors };
    },
    completeOnboardingStep: async (_parent, { input }, { principal }) =>
      userPayload(await completeOnboardingStep(deps, requireUser(principal).userId, input.step.toLowerCase() as OnboardingStepName)),
    deactivateMyAccount: async (_parent, { input }, { principal, client }) => donePayload(await deactivateAccount(deps, requireUser(principal).userId, input.password, clientInfo(client))),
    reactivateMyAccount: async (_parent, { input }, { client }) => authPayload(await reactivateAccount(deps, { email: input.email, password: input.password, client: clientInfo(client) })),
  };
}
