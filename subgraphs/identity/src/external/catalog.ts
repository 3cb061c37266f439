import type { OAuthServer } from './provider-config.ts';

/** Providers a person may sign in with (ID-08). */
export const signInProviders = ['github', 'google', 'linkedin'] as const;
export type SignInProvider = (typeof signInProviders)[number];

/** Accounts elsewhere a person connects so Jobgraph may act there for them (ID-09). */
export const integrationKinds = ['gmail', 'outlook', 'google_calendar', 'linkedin', 'ats'] as const;
export type IntegrationKind = (typeof integrationKinds)[number];

export interface Authorization {
  readonly server: OAuthServer;
  readonly scopes: readonly string[];
  readonly extra?: Readonly<Record<string, string>>;
}

/** Google hands out a refresh token only when asked for offline access with consent. */
const googleOffline = { access_type: 'offline', prompt: 'consent' } as const;

/** What a sign-in asks for: who the person is and a verified address, nothing more. */
export const signInAuthorization: Readonly<Record<SignInProvider, Authorization>> = {
  github: { server: 'github', scopes: ['read:user', 'user:email'] },
  google: { server: 'google', scopes: ['openid', 'email', 'profile'] },
  linkedin: { server: 'linkedin', scopes: ['openid', 'profile', 'email'] },
};

/** What each integration asks for; an ATS's scopes come from its configuration alone. */
export const integrationAuthorization: Readonly<Record<IntegrationKind, Authorization>> = {
  gmail: { server: 'google', scopes: ['openid', 'email', 'https://www.googleapis.com/auth/gmail.readonly'], extra: googleOffline },
  google_calendar: { server: 'google', scopes: ['openid', 'email', 'https://www.googleapis.com/auth/calendar.events'], extra: googleOffline },
  outlook: { server: 'microsoft', scopes: ['openid', 'email', 'offline_access', 'https://graph.microsoft.com/Mail.Read'] },
  linkedin: { server: 'linkedin', scopes: ['openid', 'profile', 'email', 'w_member_social'] },
  ats: { server: 'ats', scopes: [] },
};

export const isSignInProvider = (value: string): value is SignInProvider => (signInProviders as readonly string[]).includes(value);
export const isIntegrationKind = (value: string): value is IntegrationKind => (integrationKinds as readonly string[]).includes(value);
