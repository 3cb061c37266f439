import { defineEvent } from '../events/cloud-event.ts';

/** Topic of the user aggregate; keyed by user id. */
export const identityUserTopic = 'identity.user.v1';
const identity = { domain: 'identity', topic: identityUserTopic };

export interface UserRegisteredData {
  readonly userId: string;
  readonly roles: readonly ('candidate' | 'employer' | 'recruiter' | 'admin')[];
  readonly registeredAt: string;
}

/** Someone signed up. Billing opens their Free subscription, pipeline their stages, assistant their profile. */
export const UserRegistered = defineEvent<UserRegisteredData>()('jobgraph.identity.user.registered.v1', identity);

export interface UserErasedData {
  readonly userId: string;
  readonly erasedAt: string;
}

/** The user asked to be forgotten. Every domain deletes or anonymizes what it holds about them. */
export const UserErased = defineEvent<UserErasedData>()('jobgraph.identity.user.erased.v1', identity);

type AccountRole = UserRegisteredData['roles'][number];
export type AccountStatus = 'active' | 'deactivated' | 'suspended';

export interface UserUpdatedData {
  readonly userId: string;
  /** Which parts changed (`displayName`, `timezone`, `settings`, `onboarding`, …); never their values. */
  readonly changed: readonly string[];
  readonly profileCompletion: number;
  readonly updatedAt: string;
}

/** The user edited their profile, settings or onboarding. Carries what changed, not the personal values. */
export const UserUpdated = defineEvent<UserUpdatedData>()('jobgraph.identity.user.updated.v1', identity);

export interface UserStatusChangedData {
  readonly userId: string;
  readonly status: AccountStatus;
  readonly previousStatus: AccountStatus;
  /** The admin who suspended or reinstated; null when the user did it themself. */
  readonly changedBy: string | null;
  readonly changedAt: string;
}

/** Deactivated or reactivated by the user, suspended or reinstated by an admin. */
export const UserStatusChanged = defineEvent<UserStatusChangedData>()('jobgraph.identity.user.status-changed.v1', identity);

export interface UserRolesChangedData {
  readonly userId: string;
  readonly roles: readonly AccountRole[];
  readonly granted: readonly AccountRole[];
  readonly revoked: readonly AccountRole[];
  readonly changedBy: string;
  readonly changedAt: string;
}

/** An admin granted or revoked a role. */
export const UserRolesChanged = defineEvent<UserRolesChangedData>()('jobgraph.identity.user.roles-changed.v1', identity);

export interface UserEmailVerifiedData {
  readonly userId: string;
  readonly verifiedAt: string;
  /** True when a new address replaced the old one by this verification. */
  readonly addressChanged: boolean;
}

/** The user proved they read mail at their address (a first verification, or a confirmed change). */
export const UserEmailVerified = defineEvent<UserEmailVerifiedData>()('jobgraph.identity.user.email-verified.v1', identity);

export interface UserPasswordChangedData {
  readonly userId: string;
  readonly via: 'change' | 'reset';
  readonly changedAt: string;
}

/** A new password: changed while signed in, or reset by a mailed link. */
export const UserPasswordChanged = defineEvent<UserPasswordChangedData>()('jobgraph.identity.user.password-changed.v1', identity);

export type SignInProviderName = 'github' | 'google' | 'linkedin';

export interface ProviderLinkedData {
  readonly userId: string;
  readonly provider: SignInProviderName;
  /** How: a new account made by the sign-in, an existing one joined by its verified address, or linked while signed in. */
  readonly via: 'sign_up' | 'sign_in' | 'link';
  readonly linkedAt: string;
}

/** A sign-in provider (GitHub, Google, LinkedIn) now opens this account (ID-08). */
export const ProviderLinked = defineEvent<ProviderLinkedData>()('jobgraph.identity.user.provider-linked.v1', identity);

export interface ProviderUnlinkedData {
  readonly userId: string;
  readonly provider: SignInProviderName;
  readonly unlinkedAt: string;
}

/** The user unlinked a sign-in provider; its tokens are deleted. */
export const ProviderUnlinked = defineEvent<ProviderUnlinkedData>()('jobgraph.identity.user.provider-unlinked.v1', identity);

export type IntegrationKindName = 'gmail' | 'outlook' | 'google_calendar' | 'linkedin' | 'ats';

export interface IntegrationConnectedData {
  readonly userId: string;
  readonly integrationId: string;
  readonly kind: IntegrationKindName;
  /** What the provider granted. */
  readonly scopes: readonly string[];
  /** When the access token expires; null when the provider did not say. */
  readonly expiresAt: string | null;
  /** True when an existing connection of this kind got new tokens. */
  readonly reconnected: boolean;
  readonly connectedAt: string;
}

/** The user connected a third-party account (Gmail, Outlook, Google Calendar, LinkedIn, an ATS) (ID-09). */
export const IntegrationConnected = defineEvent<IntegrationConnectedData>()('jobgraph.identity.user.integration-connected.v1', identity);

export interface IntegrationDisconnectedData {
  readonly userId: string;
  readonly integrationId: string;
  readonly kind: IntegrationKindName;
  readonly disconnectedAt: string;
}

/** The user disconnected a third-party account; its tokens are deleted. */
export const IntegrationDisconnected = defineEvent<IntegrationDisconnectedData>()('jobgraph.identity.user.integration-disconnected.v1', identity);

/** Topic of sessions; keyed by session id. The gateway reads it to stop revoked access tokens. */
export const identitySessionTopic = 'identity.session.v1';

export interface SessionRevokedData {
  readonly sessionId: string;
  readonly userId: string;
  readonly reason: 'signed_out' | 'revoked' | 'signed_out_everywhere' | 'password_changed' | 'password_reset' | 'deactivated' | 'suspended' | 'refresh_token_reused' | 'erased';
  readonly revokedAt: string;
}

/** A session ended before its expiry; access tokens naming it stop working at once. */
export const SessionRevoked = defineEvent<SessionRevokedData>()('jobgraph.identity.session.revoked.v1', { domain: 'identity', topic: identitySessionTopic });

/** Topic of the auth log; keyed by auth event id. */
export const identityAuthTopic = 'identity.auth.v1';

export interface AuthEventRecordedData {
  readonly authEventId: string;
  /** Null for a failed sign-in with an address that has no account. */
  readonly userId: string | null;
  readonly event: string;
  readonly provider: string | null;
  readonly occurredAt: string;
}

/** A line of the auth log (sign-in success or failure, reset, provider linked, key created); no address, no IP. */
export const AuthEventRecorded = defineEvent<AuthEventRecordedData>()('jobgraph.identity.auth.recorded.v1', { domain: 'identity', topic: identityAuthTopic });
