import { hasRole, isUser, type Principal } from '@jobgraph/kit';
import type { DbRole, User as UserRow } from '../db/types.ts';
import { onboardingOf } from '../domain/onboarding.ts';
import { profileCompletion } from '../domain/profile-completion.ts';
import { resolveSettings } from '../domain/settings.ts';
import type { OnboardingState, OnboardingStep, Role, UserResolvers, UserStatus } from '../generated/resolvers.ts';
import { newestFirst } from './newest-first.ts';
import { isProvenOwner } from './own-account.ts';
import { toSettingsView } from './user-settings.ts';

export const toRole = (role: DbRole): Role => role.toUpperCase() as Role;

const isSelf = (user: UserRow, principal: Principal) => isProvenOwner(user) || (isUser(principal) && principal.userId === user.id);
const selfOrAdmin = (user: UserRow, principal: Principal) => isSelf(user, principal) || hasRole(principal, 'admin');
const upper = <T extends string>(value: string) => value.toUpperCase() as T;

export const User: UserResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.userById.load(reference.id),
  email: (user, _args, { principal }) => (selfOrAdmin(user, principal) ? user.email : null),
  displayName: (user) => user.display_name,
  roles: (user) => user.roles.map(toRole),
  emailVerified: (user) => user.email_verified_at !== null,
  createdAt: (user) => user.created_at,
  firstName: (user) => user.first_name,
  lastName: (user) => user.last_name,
  avatarUrl: (user) => user.avatar_url,
  phone: (user, _args, { principal }) => (selfOrAdmin(user, principal) ? user.phone : null),
  timezone: (user) => user.timezone,
  locale: (user) => user.locale,
  bio: (user) => user.bio,
  links: (user) => user.links,
  status: (user, _args, { principal }) => (selfOrAdmin(user, principal) ? upper<UserStatus>(user.status) : null),
  profileCompletion: (user, _args, { principal }) => (selfOrAdmin(user, principal) ? profileCompletion(user) : null),
  onboarding: (user, _args, { principal }) => {
    if (!isSelf(user, principal)) return null;
    const view = onboardingOf(user);
    return { state: upper<OnboardingState>(view.state), completedSteps: view.completed.map(upper<OnboardingStep>), remainingSteps: view.remaining.map(upper<OnboardingStep>), completedAt: user.onboarded_at };
  },
  settings: (user, _args, { principal }) => (isSelf(user, principal) ? toSettingsView(resolveSettings(user.settings)) : null),
  sessions: async (user, args, { principal, db }) => {
    if (!isSelf(user, principal)) return null;
    return newestFirst(db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).where('revoked_at', 'is', null).where('expires_at', '>', new Date()), args, 'created_at');
  },
  apiKeys: async (user, args, { principal, db }) => {
    if (!isSelf(user, principal)) return null;
    return newestFirst(db.selectFrom('api_keys').selectAll().where('user_id', '=', user.id), args, 'created_at');
  },
  authEvents: async (user, args, { principal, db }) => {
    if (!selfOrAdmin(user, principal)) return null;
    return newestFirst(db.selectFrom('auth_events').selectAll().where('user_id', '=', user.id), args, 'occurred_at');
  },
  hasPassword: async (user, _args, { principal, db }) => {
    if (!isSelf(user, principal)) return null;
    return (await db.selectFrom('credentials').select('user_id').where('user_id', '=', user.id).executeTakeFirst()) !== undefined;
  },
  linkedProviders: async (user, args, { principal, db }) => {
    if (!isSelf(user, principal)) return null;
    return newestFirst(db.selectFrom('external_accounts').selectAll().where('user_id', '=', user.id), args, 'created_at');
  },
  integrations: async (user, args, { principal, db }) => {
    if (!isSelf(user, principal)) return null;
    return newestFirst(db.selectFrom('integration_accounts').selectAll().where('user_id', '=', user.id), args, 'created_at');
  },
};
