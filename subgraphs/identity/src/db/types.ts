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
  occurred_at: CreatedAt;
}

export interface Database extends EventTables {
  users: UserTable;
  credentials: CredentialTable;
  sessions: SessionTable;
  refresh_tokens: RefreshTokenTable;
  signing_keys: SigningKeyTable;
  auth_events: AuthEventTable;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Session = Selectable<SessionTable>;
export type RefreshToken = Selectable<RefreshTokenTable>;
export type SigningKey = Selectable<SigningKeyTable>;
