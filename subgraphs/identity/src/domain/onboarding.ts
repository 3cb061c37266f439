import type { User } from '../db/types.ts';

export const onboardingSteps = ['verify_email', 'complete_profile', 'choose_settings', 'take_tour'] as const;
export type OnboardingStepName = (typeof onboardingSteps)[number];

export interface OnboardingView {
  readonly state: 'not_started' | 'in_progress' | 'completed';
  readonly completed: readonly OnboardingStepName[];
  readonly remaining: readonly OnboardingStepName[];
}

/** Verifying the email counts by itself; the other steps are marked by the client as the user goes. */
export function onboardingOf(user: Pick<User, 'email_verified_at' | 'onboarding_steps'>): OnboardingView {
  const done = new Set(user.onboarding_steps);
  if (user.email_verified_at) done.add('verify_email');
  const completed = onboardingSteps.filter((step) => done.has(step));
  const remaining = onboardingSteps.filter((step) => !done.has(step));
  const state = remaining.length === 0 ? 'completed' : completed.length === 0 ? 'not_started' : 'in_progress';
  return { state, completed, remaining };
}
