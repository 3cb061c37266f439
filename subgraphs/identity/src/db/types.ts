import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { EventTables } from '@jobgraph/kit';

export type DbRole = 'candidate' | 'employer' | 'recruiter' | 'admin';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UserTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  roles: DbRole[];
  email_verified_at: Date | null;
  last_sign_in_at: Date | null;
  deleted_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  first_name: string | null;
  last_name: string | null;
  avatar_url: string | null;
  /** E.164, e.g. +4930123456. */
  phone: string | null;
  /** An IANA zone name, e.g. Europe/Berlin. */
  timezone: string | null;
  /** A BCP 47 tag, e.g. de-DE. */
  locale: string | null;
  bio: string | null;
  links: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<UserStatus, UserStatus | undefined, UserStatus>;
  status_changed_at: Date | null;
  settings: ColumnType<UserSettings, string | undefined, string>;
  onboarding_steps: ColumnType<string[], string[] | undefined, string[]>;
  onboarded_at: Date | null;
}

export type UserStatus = 'active' | 'deactivated' | 'suspended';

/** Privacy and general preferences; absent keys take their defaults (see domain/settings.ts). */
export interface UserSettings {
  readonly profileVisibility?: 'public' | 'members' | 'private';
  readonly showEmailToEmployers?: boolean;
  readonly searchable?: boolean;
  readonly marketingEmails?: boolean;
  readonly productEmails?: boolean;
  readonly weekStartsOn?: 'monday' | 'sunday';
}

export interface CredentialTable {
  user_id: string;
  password_hash: string;
  password_changed_at: Generated<Date>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SessionTable {
  id: Generated<string>;
  user_id: string;
  user_agent: string | null;
  /** The client's network, never its address: a /24 (IPv4) or /48 (IPv6). */
  ip_coarse: string | null;
  created_at: CreatedAt;
  expires_at: Date;
  last_used_at: Generated<Date>;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

export interface RefreshTokenTable {
  id: Generated<string>;
  session_id: string;
  token_hash: Buffer;
  created_at: CreatedAt;
  expires_at: Date;
  /** Set when the token is traded for a new one; presenting it again is reuse. */
  rotated_at: Date | null;
}

export interface SigningKeyTable {
  kid: string;
  algorithm: string;
  public_jwk: ColumnType<Record<string, unknown>, string, string>;
  /** PKCS#8 private key, AES-256-GCM encrypted under the identity key secret. */
  private_key_encrypted: Buffer;
  created_at: CreatedAt;
  /** Published in the JWKS from creation; signs from this moment on, until a newer key activates. */
  activates_at: ColumnType<Date, Date | undefined, never>;
  /** Withdrawn at once (a compromised key): no longer signs nor verifies. */
  revoked_at: Date | null;
}

export interface AuthEventTable {
  id: Generated<string>;
  user_id: string | null;
  event: string;
  user_agent: string | null;
  ip_coarse: string | null;
  provider: string | null;
  occurred_at: CreatedAt;
}

export interface MailOutboxTable {
  id: Generated<string>;
  template: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: ColumnType<MailStatus, MailStatus | undefined, MailStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  last_error: string | null;
  message_id: string | null;
  sent_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type MailStatus = 'queued' | 'sent' | 'failed';

export type AccountTokenPurpose = 'verify_email' | 'reset_password' | 'change_email';

export interface AccountTokenTable {
  id: Generated<string>;
  user_id: string;
  purpose: AccountTokenPurpose;
  /** sha256 of the token mailed; the token itself is never stored. */
  token_hash: Buffer;
  /** The address the token was sent to: for change_email, the new one. */
  email: string;
  expires_at: Date;
  used_at: Date | null;
  created_at: CreatedAt;
}

export interface ApiKeyTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  /** Shown in lists so a person can tell keys apart: `jg_` and 8 characters of the secret. */
  prefix: string;
  /** sha256 of the whole secret; the secret itself is shown once and never stored. */
  secret_hash: Buffer;
  scopes: string[];
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AuthThrottleTable {
  /** `<action>:<subject kind>:<hashed subject>`, e.g. sign_in:account:…; never a raw address. */
  key: string;
  hits: number;
  window_ends_at: Date;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UserPlanTable {
  user_id: string;
  plan_code: string;
  status: 'active' | 'trialing' | 'past_due' | 'canceled';
  version: ColumnType<string, number | string, number | string>;
  effective_at: Date;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type OAuthPurpose = 'sign_in' | 'link' | 'connect';

export interface OAuthStateTable {
  id: string;
  /** sha256 of the state sent to the provider; the state itself is never stored. */
  state_hash: Buffer;
  purpose: OAuthPurpose;
  /** The sign-in provider (sign_in, link) or the integration kind (connect). */
  target: string;
  /** Who asked, for link and connect; null for a sign-in. */
  user_id: string | null;
  /** The PKCE verifier, sealed under the token key ring (context `oauth_states:<id>`). */
  code_verifier_encrypted: Buffer;
  token_key_id: string;
  redirect_uri: string;
  expires_at: Date;
  used_at: Date | null;
  created_at: CreatedAt;
}

/** Provider tokens sealed under the key ring; the key's id beside them. */
interface SealedTokenColumns {
  scopes: string[];
  access_token_encrypted: Buffer;
  refresh_token_encrypted: Buffer | null;
  token_key_id: string;
  expires_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type ExternalProvider = 'github' | 'google' | 'linkedin';

export interface ExternalAccountTable extends SealedTokenColumns {
  id: Generated<string>;
  user_id: string;
  provider: ExternalProvider;
  provider_user_id: string;
}

export type IntegrationKindColumn = 'gmail' | 'outlook' | 'google_calendar' | 'linkedin' | 'ats';

export interface IntegrationAccountTable extends SealedTokenColumns {
  id: Generated<string>;
  user_id: string;
  kind: IntegrationKindColumn;
  external_user_id: string | null;
}

export interface Database extends EventTables {
  users: UserTable;
  credentials: CredentialTable;
  sessions: SessionTable;
  refresh_tokens: RefreshTokenTable;
  signing_keys: SigningKeyTable;
  auth_events: AuthEventTable;
  mail_outbox: MailOutboxTable;
  account_tokens: AccountTokenTable;
  api_keys: ApiKeyTable;
  auth_throttles: AuthThrottleTable;
  user_plans: UserPlanTable;
  oauth_states: OAuthStateTable;
  external_accounts: ExternalAccountTable;
  integration_accounts: IntegrationAccountTable;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Session = Selectable<SessionTable>;
export type AuthEventRow = Selectable<AuthEventTable>;
export type AccountToken = Selectable<AccountTokenTable>;
export type RefreshToken = Selectable<RefreshTokenTable>;
export type SigningKey = Selectable<SigningKeyTable>;
export type ApiKey = Selectable<ApiKeyTable>;
export type OAuthState = Selectable<OAuthStateTable>;
export type ExternalAccount = Selectable<ExternalAccountTable>;
export type IntegrationAccount = Selectable<IntegrationAccountTable>;
